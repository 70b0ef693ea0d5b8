// A fixture call carried over each bridge protocol reaches the pipeline with each party on its own channel:
// the agent's turns are loud on the agent channel and the customer's on the customer channel, whatever the wire.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMulaw } from '../../src/audio/g711.ts';
import { deinterleave, float32ToPcm16 } from '../../src/audio/pcm.ts';
import type { Channel } from '../../src/events.ts';
import { AudioDecoder, TARGET_RATE_HZ } from '../../src/server/audio-decoder.ts';
import { AudioSocketParser } from '../../src/ingest/audiosocket.ts';
import { adapterFor } from '../../src/ingest/index.ts';
import type { CallEvent } from '../../src/ingest/types.ts';

const dir = join(import.meta.dirname, '../../fixtures/calls');
const truth = JSON.parse(readFileSync(join(dir, 'greeting.truth.json'), 'utf8')) as { turns: Array<{ channel: Channel; start: number; end: number }> };

/** The mu-law bytes of the fixture (stereo, customer left) and each side alone. */
function loadCall() {
  const buf = readFileSync(join(dir, 'greeting.wav'));
  const off = buf.indexOf('data') + 8;
  const stereo = new Uint8Array(buf.buffer, buf.byteOffset + off, buf.readUInt32LE(off - 4));
  const left = new Uint8Array(stereo.length / 2), right = new Uint8Array(stereo.length / 2);
  for (let i = 0; i < left.length; i++) { left[i] = stereo[2 * i]; right[i] = stereo[2 * i + 1] }
  return { stereo, left, right };
}

/** Feeds adapter events through the server's decoder; returns 16 kHz audio per party. */
function decodeEvents(events: CallEvent[]): Map<Channel, Float32Array> {
  let decoder: AudioDecoder | null = null;
  const parts = new Map<Channel, Float32Array[]>();
  for (const ev of events) {
    if (ev.kind === 'start') decoder = new AudioDecoder(ev.format);
    if (ev.kind !== 'audio') continue;
    for (const [ch, s] of decoder!.decode(ev.data, ev.channel)) parts.set(ch, [...(parts.get(ch) ?? []), s]);
  }
  const out = new Map<Channel, Float32Array>();
  for (const [ch, list] of parts) {
    const all = new Float32Array(list.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of list) { all.set(p, o); o += p.length }
    out.set(ch, all);
  }
  return out;
}

const rms = (x: Float32Array, a: number, b: number) => {
  let s = 0;
  const i0 = Math.floor(a * TARGET_RATE_HZ), i1 = Math.min(x.length, Math.floor(b * TARGET_RATE_HZ));
  for (let i = i0; i < i1; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, i1 - i0));
};

function expectPartiesSeparated(audio: Map<Channel, Float32Array>, parties: Channel[]): void {
  expect([...audio.keys()].sort()).toEqual([...parties].sort());
  for (const t of truth.turns.filter((x) => parties.includes(x.channel))) {
    const own = rms(audio.get(t.channel)!, t.start, t.end);
    expect(own, `${t.channel} speech at ${t.start}`).toBeGreaterThan(0.02);
    const other = parties.find((p) => p !== t.channel);
    if (other) expect(rms(audio.get(other)!, t.start, t.end), `${other} silent at ${t.start}`).toBeLessThan(own / 20);
  }
}

const chunks = (bytes: Uint8Array, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe('the greeting fixture over each bridge protocol', () => {
  const call = loadCall();

  it('raw /v1/stream: stereo mu-law', () => {
    const a = adapterFor('/v1/stream');
    const events = [...a.onMessage(JSON.stringify({ callId: 'c', agentId: 'a', encoding: 'mulaw', sampleRate: 8000, channels: 2, channelMap: ['customer', 'agent'] }), false).events];
    for (const c of chunks(call.stereo, 320)) events.push(...a.onMessage(c, true).events);
    events.push(...a.onMessage('{"event":"stop"}', false).events);
    expectPartiesSeparated(decodeEvents(events), ['customer', 'agent']);
  });

  it('Twilio: inbound and outbound tracks as base64 media messages', () => {
    const a = adapterFor('/v1/twilio');
    const events = [...a.onMessage(JSON.stringify({ event: 'start', streamSid: 'MZ1', start: { streamSid: 'MZ1', callSid: 'CA1', tracks: ['inbound', 'outbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }), false).events];
    const inb = chunks(call.left, 160), outb = chunks(call.right, 160);
    inb.forEach((c, i) => {
      for (const [track, bytes] of [['inbound', c], ['outbound', outb[i]]] as const) {
        events.push(...a.onMessage(JSON.stringify({ event: 'media', streamSid: 'MZ1', media: { track, payload: Buffer.from(bytes).toString('base64') } }), false).events);
      }
    });
    expectPartiesSeparated(decodeEvents(events), ['customer', 'agent']);
  });

  it('AudioHook: stereo PCMU, external = customer', () => {
    const a = adapterFor('/v1/audiohook');
    const events = [...a.onMessage(JSON.stringify({ version: '2', id: 's1', type: 'open', seq: 1, serverseq: 0, position: 'PT0S', parameters: {
      organizationId: 'o', conversationId: 'conv-1', participant: { id: 'p' }, media: [{ type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 }] } }), false).events];
    for (const c of chunks(call.stereo, 1600)) events.push(...a.onMessage(c, true).events);
    expectPartiesSeparated(decodeEvents(events), ['customer', 'agent']);
  });

  it('audiofork stereo L16 and AudioSocket slin (customer leg), in odd-sized TCP chunks', () => {
    const pcmStereo = float32ToPcm16(decodeMulaw(call.stereo));
    const fork = adapterFor('/v1/audiofork');
    const forkEvents = [...fork.onMessage(JSON.stringify({ callSid: 'x', sampleRate: 8000, mixType: 'stereo' }), false).events];
    for (const c of chunks(pcmStereo, 640)) forkEvents.push(...fork.onMessage(c, true).events);
    expectPartiesSeparated(decodeEvents(forkEvents), ['customer', 'agent']);

    const slin = float32ToPcm16(deinterleave(decodeMulaw(call.stereo), 2)[0]);
    const frames = chunks(slin, 320).map((p) => Uint8Array.from([0x10, p.length >> 8, p.length & 0xff, ...p]));
    const stream = Uint8Array.from([0x01, 0x00, 0x10, ...new Uint8Array(16).fill(7), ...frames.flatMap((f) => [...f]), 0x00, 0x00, 0x00]);
    const parser = new AudioSocketParser();
    const sockEvents = chunks(stream, 1000).flatMap((c) => parser.push(c));
    expect(sockEvents.at(-1)).toEqual({ kind: 'stop', reason: 'hangup' });
    expectPartiesSeparated(decodeEvents(sockEvents), ['customer']);
  });
});
