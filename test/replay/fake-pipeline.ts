// FakePipeline: stands in for the model-backed call pipeline (VAD, ASR, analysis, coach) so the replay driver
// can be tested alone. It is not a model: each full second of a party's audio whose RMS is above 0.05 becomes a
// final transcript "<party> spoke in second N" with a sentiment that depends only on N, and one prompt fires
// on the customer's second 1. It records what the driver fed it (samples per party, virtual clock per push).
import type { Clock } from '../../src/clock.ts';
import type { AssistEvent, Channel, EventSink, Source } from '../../src/events.ts';
import type { Pipeline } from '../../src/call/pipeline.ts';

const RATE_HZ = 16000;

export interface FakePush { channel: Channel; samples: number; clockMs: number }

export class FakeCallSession {
  readonly pushes: FakePush[] = [];
  readonly samples = new Map<Channel, number>();
  private readonly second = new Map<Channel, { n: number; sumSq: number; count: number }>();
  stopped = false;

  constructor(readonly info: { callId: string; agentId: string; customerId?: string; source: Source },
    readonly opts: { clock: Clock; sink: EventSink; channels?: Channel[]; deterministic?: boolean }) {
    this.emit({ type: 'call.started', callId: info.callId, agentId: info.agentId, customerId: info.customerId, source: info.source, at: opts.clock.nowMs() });
  }

  async pushAudio(channel: Channel, samples: Float32Array): Promise<void> {
    if (this.stopped) throw new Error('pushAudio after stop');
    if (!(samples instanceof Float32Array)) throw new Error('pushAudio expects Float32Array samples');
    this.pushes.push({ channel, samples: samples.length, clockMs: this.opts.clock.nowMs() });
    this.samples.set(channel, (this.samples.get(channel) ?? 0) + samples.length);
    const s = this.second.get(channel) ?? { n: 0, sumSq: 0, count: 0 };
    this.second.set(channel, s);
    for (const v of samples) {
      s.sumSq += v * v;
      if (++s.count === RATE_HZ) { this.closeSecond(channel, s); s.n++; s.sumSq = 0; s.count = 0 }
    }
    await new Promise((r) => setImmediate(r)); // processing takes a turn of the event loop, as the real one does
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const durationS = Math.max(0, ...this.samples.values()) / RATE_HZ;
    const finals = (ch: Channel) => this.events.filter((e) => e.type === 'transcript' && e.channel === ch).length;
    const total = finals('agent') + finals('customer') || 1;
    const talkRatio = { agent: finals('agent') / total, customer: finals('customer') / total };
    const silenceS = Math.max(0, durationS - (finals('agent') + finals('customer')));
    const t = Math.round(durationS * 1000) / 1000;
    this.emit({ type: 'metrics', callId: this.info.callId, t, talkRatio, silenceS, overtalkS: 0, agentWpm: 120, sentimentTrend: { agent: 0, customer: 0 } });
    const prompts: Record<string, number> = {};
    for (const e of this.events) if (e.type === 'prompt') prompts[e.rule] = (prompts[e.rule] ?? 0) + 1;
    this.emit({ type: 'call.ended', callId: this.info.callId, t, summary: { durationS: t, talkRatio, silenceS, overtalkS: 0, utterances: total, prompts, sentiment: { customerStart: null, customerEnd: null, agentMean: null } } });
  }

  readonly events: AssistEvent[] = [];
  private emit(ev: AssistEvent): void { this.events.push(ev); this.opts.sink.publish(ev) }

  private closeSecond(channel: Channel, s: { n: number; sumSq: number }): void {
    if (Math.sqrt(s.sumSq / RATE_HZ) < 0.05) return;
    const callId = this.info.callId, utteranceId = `${channel}-${s.n}`;
    this.emit({ type: 'transcript', callId, channel, utteranceId, text: `${channel} spoke in second ${s.n}`, final: true, start: s.n, end: s.n + 1 });
    const score = s.n % 2 ? -0.5 : 0.5;
    this.emit({ type: 'analysis', callId, channel, utteranceId, sentiment: { label: score < 0 ? 'negative' : 'positive', score }, emotion: { label: 'neutral', score: 0.9 } });
    if (channel === 'customer' && s.n === 1) {
      this.emit({ type: 'prompt', callId, promptId: `${callId}-p1`, rule: 'customer-anger', severity: 'warn', title: 'Fake prompt', body: 'from the FakePipeline', evidence: { utteranceId }, t: s.n + 1, latencyMs: 5 });
    }
  }
}

export class FakePipeline {
  readonly sessions: FakeCallSession[] = [];
  /** The replay CLI names the speech engine in its summary line. */
  static asrName = 'fake';
  readonly providers = { asr: { name: FakePipeline.asrName } };
  closed = false;
  startCall(info: FakeCallSession['info'], opts: FakeCallSession['opts']): FakeCallSession {
    const s = new FakeCallSession(info, opts);
    this.sessions.push(s);
    return s;
  }
  async close(): Promise<void> { this.closed = true }
  /** Typed as the real Pipeline for code under test (it uses only startCall, close and the engine's name). */
  asPipeline(): Pipeline { return this as unknown as Pipeline }
}
