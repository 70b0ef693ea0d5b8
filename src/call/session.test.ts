import { describe, expect, it } from 'vitest';
import { CallSession } from './session.ts';
import { ManualClock } from '../clock.ts';
import { silentLogger } from '../log.ts';
import type { AssistEvent, Channel } from '../events.ts';
import { FakeAnalyzer, FakeCoach, FakeEnergyVad, FakeScriptedAsr } from '../../test/fakes/providers.ts';

/** 16 kHz audio: tone bursts (speech stand-ins) at the given [start, end] seconds, silence elsewhere. */
function bursts(totalS: number, spans: Array<[number, number]>): Float32Array {
  const x = new Float32Array(Math.round(totalS * 16000));
  for (const [s, e] of spans) for (let i = Math.round(s * 16000); i < Math.round(e * 16000); i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / 16000);
  return x;
}

async function run(deterministic: boolean) {
  const events: AssistEvent[] = [];
  let current: Channel = 'customer';
  const asr = new FakeScriptedAsr({ customer: ['this is ridiculous i am angry', 'thanks'], agent: ['sorry about that'] }, () => current);
  const coach = new FakeCoach();
  const clock = new ManualClock(1_000);
  const providers = { vad: new FakeEnergyVad(), asr: {} as any, analyzer: new FakeAnalyzer(), coach };
  // the scripted ASR hands each stream its channel's script in creation order: customer first, then agent
  providers.asr = { name: 'fake', createStream: () => { const s = asr.createStream(); current = 'agent'; return s }, close: async () => {} };
  const session = new CallSession({ callId: 'c1', agentId: 'a1', source: 'replay' }, providers, {
    clock, sink: { publish: (e) => events.push(e) }, channels: ['customer', 'agent'], deterministic,
    prerollMs: 200, partialEveryMs: 300, metricsEveryMs: 1000, maxBacklogS: 60, log: silentLogger,
  });
  const customer = bursts(8, [[0.5, 2.5], [6, 7]]);
  const agent = bursts(8, [[3, 4.5]]);
  for (let i = 0; i < customer.length; i += 320) {
    clock.advance(20);
    await session.pushAudio('customer', customer.subarray(i, i + 320));
    await session.pushAudio('agent', agent.subarray(i, i + 320));
  }
  await session.stop();
  return { events, coach };
}

/**
 * Fake recognizer with ordered results (like PocketSphinx's worker): each answer names the samples the stream
 * had accepted when it was asked, and answers come back after uneven delays, so the two channels' answers
 * overtake each other when asked ahead of time.
 */
function fakeOrderedAsr() {
  const accepted = new Map<string, number>();
  let calls = 0;
  const later = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), (++calls * 7) % 5));
  let n = 0;
  return {
    accepted,
    engine: { name: 'fake-ordered', orderedResults: true, close: async () => {}, createStream: () => {
      const id = n++ === 0 ? 'customer' : 'agent';
      accepted.set(id, 0);
      return {
        accept: (x: Float32Array) => { accepted.set(id, accepted.get(id)! + x.length) },
        partial: () => later({ text: `heard ${accepted.get(id)}` }),
        finish: () => later({ text: `final ${accepted.get(id)}` }),
        close: () => {},
      };
    } },
  };
}

/** A deterministic session over the fake ordered recognizer, its decode-ahead `aheadFrames` (20 ms) ahead. */
async function runOrdered(aheadFrames: number) {
  const events: AssistEvent[] = [];
  const asr = fakeOrderedAsr();
  const acceptedAtFirstPartial: number[] = [];
  const clock = new ManualClock(1_000);
  const session = new CallSession({ callId: 'c3', agentId: 'a1', source: 'replay' },
    { vad: new FakeEnergyVad(), asr: asr.engine as any, analyzer: new FakeAnalyzer(), coach: new FakeCoach() }, {
      clock, channels: ['customer', 'agent'], deterministic: true, decodeAhead: aheadFrames > 0,
      sink: { publish: (e) => {
        if (e.type === 'transcript' && !e.final && e.channel === 'customer' && !acceptedAtFirstPartial.length) acceptedAtFirstPartial.push(asr.accepted.get('customer')!, Number(e.text.split(' ')[1]));
        events.push(e);
      } },
      prerollMs: 200, partialEveryMs: 300, metricsEveryMs: 1000, maxBacklogS: 60, log: silentLogger,
    });
  const customer = bursts(8, [[0.5, 2.5], [6, 7]]);
  const agent = bursts(8, [[1.5, 4.5]]);
  expect(session.decodesAhead).toBe(aheadFrames > 0);
  const frames = customer.length / 320;
  const frame = (x: Float32Array, k: number) => x.subarray(k * 320, (k + 1) * 320);
  const pushAheadFrame = (k: number) => {
    if (aheadFrames === 0 || k >= frames) return;
    void session.pushAhead('customer', frame(customer, k));
    void session.pushAhead('agent', frame(agent, k));
  };
  for (let k = 0; k < aheadFrames; k++) pushAheadFrame(k);
  for (let i = 0; i < frames; i++) {
    pushAheadFrame(i + aheadFrames);
    clock.advance(20);
    await session.pushAudio('customer', frame(customer, i));
    await session.pushAudio('agent', frame(agent, i));
  }
  await session.stop();
  return { events, acceptedAtFirstPartial };
}

describe('CallSession', () => {
  it('turns audio into vad, partial and final transcripts, analysis, prompts, metrics and call.ended', async () => {
    const { events, coach } = await run(true);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('call.started');
    expect(types.at(-1)).toBe('call.ended');
    const vad = events.filter((e) => e.type === 'vad') as any[];
    expect(vad.filter((v) => v.channel === 'customer').map((v) => v.state)).toEqual(['speech', 'silence', 'speech', 'silence']);
    const c0 = vad.find((v) => v.channel === 'customer' && v.state === 'speech');
    expect(Math.abs(c0.t - 0.5)).toBeLessThan(0.05);
    const finals = events.filter((e) => e.type === 'transcript' && e.final) as any[];
    expect(finals.map((f) => [f.channel, f.text])).toEqual([['customer', 'this is ridiculous i am angry'], ['agent', 'sorry about that'], ['customer', 'thanks']]);
    expect(Math.abs(finals[0].start - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(finals[0].end - 2.5)).toBeLessThan(0.05);
    // a partial of the first utterance arrives before its final
    const firstPartial = events.findIndex((e) => e.type === 'transcript' && !e.final);
    expect(firstPartial).toBeGreaterThan(0);
    expect(firstPartial).toBeLessThan(events.indexOf(finals[0]));
    const prompt = events.find((e) => e.type === 'prompt') as any;
    expect(prompt).toMatchObject({ rule: 'customer-anger', callId: 'c1' });
    expect(events.filter((e) => e.type === 'metrics').length).toBeGreaterThanOrEqual(7);
    const ended = events.at(-1) as any;
    expect(ended.summary.prompts).toEqual({ 'customer-anger': 1 });
    expect(ended.summary.durationS).toBeCloseTo(8, 1);
    expect(ended.summary.sentiment.customerStart).toBeLessThan(0);
    expect(coach.ticks.length).toBeGreaterThanOrEqual(31);
  });

  it('gives the same events on every deterministic run', async () => {
    const strip = (es: AssistEvent[]) => JSON.stringify(es.map((e) => ({ ...e, at: undefined, latencyMs: undefined })));
    expect(strip((await run(true)).events)).toBe(strip((await run(true)).events));
  });

  it('metrics count the silence between turns', async () => {
    const { events } = await run(true);
    const last = events.filter((e) => e.type === 'metrics').at(-1) as any;
    // speech 0.5-2.5, 3-4.5, 6-7 (plus VAD edges): roughly 8 - 4.5 = 3.5 s of silence by the end
    expect(last.silenceS).toBeGreaterThan(2.5);
    expect(last.silenceS).toBeLessThan(4.5);
  });

  it('a recognizer that is slow with its finals does not hold back the VAD; finals still come in order', async () => {
    // Fake recognizer whose finals resolve only when the test releases them (a backlogged engine).
    const held: Array<() => void> = [];
    let n = 0;
    const slowAsr = { name: 'fake-held', close: async () => {}, createStream: () => ({
      accept: () => {}, close: () => {},
      partial: async () => ({ text: '' }),
      finish: () => { const text = `utterance ${++n}`; return new Promise<{ text: string }>((resolve) => held.push(() => resolve({ text }))) },
    }) };
    const events: AssistEvent[] = [];
    const clock = new ManualClock(1_000);
    const session = new CallSession({ callId: 'c2', agentId: 'a1', source: 'replay' },
      { vad: new FakeEnergyVad(), asr: slowAsr as any, analyzer: new FakeAnalyzer(), coach: new FakeCoach() }, {
        clock, sink: { publish: (e) => events.push(e) }, channels: ['customer', 'agent'], deterministic: false,
        prerollMs: 200, partialEveryMs: 300, metricsEveryMs: 1000, maxBacklogS: 60, log: silentLogger,
      });
    const customer = bursts(6, [[0.5, 1.5], [3, 4]]);
    const quiet = new Float32Array(customer.length);
    for (let i = 0; i < customer.length; i += 320) {
      clock.advance(20);
      await session.pushAudio('customer', customer.subarray(i, i + 320));
      await session.pushAudio('agent', quiet.subarray(i, i + 320));
    }
    await new Promise((r) => setTimeout(r, 50));
    // both utterances were heard and ended although the first final is still being decoded
    const customerVad = events.filter((e) => e.type === 'vad' && e.channel === 'customer').map((e: any) => e.state);
    expect(customerVad).toEqual(['speech', 'silence', 'speech', 'silence']);
    expect(events.some((e) => e.type === 'transcript' && e.final)).toBe(false);
    const stopped = session.stop();
    held[1](); // the second final is ready first: it still waits for the first
    await new Promise((r) => setTimeout(r, 20));
    expect(events.some((e) => e.type === 'transcript' && e.final)).toBe(false);
    held[0]();
    await stopped;
    const finals = events.filter((e) => e.type === 'transcript' && e.final).map((e: any) => e.text);
    expect(finals).toEqual(['utterance 1', 'utterance 2']);
    expect(events.at(-1)?.type).toBe('call.ended'); // stop() waited for both
  });

  it('with decode-ahead gives exactly the events it gives without, while the recognizer hears the audio early', async () => {
    const strip = (es: AssistEvent[]) => es.map((e) => JSON.stringify({ ...e, at: undefined, latencyMs: undefined }));
    const plain = await runOrdered(0);
    const ahead = await runOrdered(50); // 1 s ahead
    expect(strip(ahead.events)).toEqual(strip(plain.events));
    expect(plain.events.filter((e) => e.type === 'transcript' && e.final).length).toBe(3); // overlapping turns, both parties
    // without: the recognizer had exactly the partial's audio when it was shown; with: a second more already
    const [heldPlain, partialPlain] = plain.acceptedAtFirstPartial;
    expect(heldPlain).toBe(partialPlain);
    const [heldAhead, partialAhead] = ahead.acceptedAtFirstPartial;
    expect(partialAhead).toBe(partialPlain);
    expect(heldAhead - partialAhead).toBeGreaterThan(0.5 * 16000);
  });

  it('decode-ahead is not used with a recognizer whose results depend on timing', async () => {
    const asr = fakeOrderedAsr();
    const engine = { ...asr.engine, orderedResults: false };
    const session = new CallSession({ callId: 'c4', agentId: 'a1', source: 'replay' },
      { vad: new FakeEnergyVad(), asr: engine as any, analyzer: new FakeAnalyzer(), coach: new FakeCoach() }, {
        clock: new ManualClock(0), channels: ['customer'], deterministic: true, decodeAhead: true, sink: { publish: () => {} },
        prerollMs: 200, partialEveryMs: 300, metricsEveryMs: 1000, maxBacklogS: 60, log: silentLogger,
      });
    expect(session.decodesAhead).toBe(false);
    await session.pushAhead('customer', bursts(1, [[0, 1]]));
    expect(asr.accepted.get('customer')).toBe(0); // no decode-ahead copy: nothing was fed
    await session.stop();
  });
});
