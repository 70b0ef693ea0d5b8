import type { AsrResult, AsrStream } from '../asr/types.ts';
import type { Channel, Word } from '../events.ts';
import { AudioBacklog } from './backlog.ts';
import type { VadChannelStream, VadTransition } from './providers.ts';

export const RATE_HZ = 16000;

/** What a channel reports to its session; the session turns these into events. */
export interface ChannelListener {
  vad(channel: Channel, tr: VadTransition): void;
  partial(channel: Channel, u: Utterance, r: AsrResult): void;
  final(channel: Channel, u: Utterance, r: AsrResult, audio: Float32Array): Promise<void>;
  /** The utterance's speech ended and its final is being decoded (said before the VAD's silence event). */
  finalPending(channel: Channel, u: Utterance): void;
  /** The utterance's final was reported, was empty, or failed: nothing more will come for it. */
  finalSettled(channel: Channel, u: Utterance): void;
  asrError(channel: Channel, err: unknown): void;
}

export interface Utterance {
  id: string;
  /** VAD speech start (s of call audio). */
  start: number;
  /** VAD speech end (s), set when the VAD ends the segment. */
  end: number;
  /** Absolute sample index of the first sample handed to the recognizer (start minus pre-roll). */
  audioFrom: number;
  /** Samples handed to the recognizer so far, absolute index of the next one. */
  fedTo: number;
  lastPartialAt: number;
  /** The listener was told its final is pending. */
  ending?: boolean;
  finalized: boolean;
}

export interface ChannelOptions {
  prerollMs: number;
  partialEveryMs: number;
  /** Await partial decodes in order (replay at --speed max): same output every run. */
  deterministic: boolean;
  nextUtteranceId: () => string;
}

/**
 * One party of a call: VAD over its audio, and a recognizer stream fed from the VAD's speech start (with a
 * short pre-roll) to its speech end. Audio is processed strictly in order through a promise chain; the chain
 * is what bounds and orders the work of a channel. Finals are not awaited in that chain (except when
 * deterministic): a recognizer that falls behind must not hold back the VAD, the timeline and the silence and
 * overtalk rules of the channel. They are reported in utterance order through a second chain, and the listener
 * is told which finals are still pending, so rules that judge what was said wait for them.
 */
export class ChannelPipeline {
  private readonly backlog = new AudioBacklog(RATE_HZ * 8);
  private current: Utterance | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Finals being decoded, reported in order. */
  private finals: Promise<void> = Promise.resolve();
  /** Samples received but not yet processed (for the backlog limit). */
  queuedSamples = 0;
  /** Absolute index of the next sample the VAD will see: the channel's processed call time. */
  processedTo = 0;

  constructor(
    readonly channel: Channel,
    private readonly vad: VadChannelStream,
    private readonly asr: AsrStream | null,
    private readonly listener: ChannelListener,
    private readonly opts: ChannelOptions,
  ) {}

  get processedT(): number { return this.processedTo / RATE_HZ }

  push(samples: Float32Array): Promise<void> {
    this.queuedSamples += samples.length;
    this.chain = this.chain.then(() => this.process(samples)).finally(() => { this.queuedSamples -= samples.length });
    return this.chain;
  }

  /** Processes what is queued, then closes an open utterance. */
  async end(): Promise<void> {
    this.chain = this.chain.then(async () => {
      for (const tr of this.vad.flush()) await this.transition(tr);
      if (this.current) await this.finish(this.current, this.processedT);
    });
    await this.chain;
    await this.finals;
    this.asr?.close();
  }

  private async process(samples: Float32Array): Promise<void> {
    this.backlog.append(samples);
    const transitions = await this.vad.push(samples);
    this.processedTo += samples.length;
    for (const tr of transitions) await this.transition(tr);
    const u = this.current;
    if (!u || !this.asr) return;
    this.feed(u, this.processedTo);
    if ((u.fedTo - u.lastPartialAt) >= (this.opts.partialEveryMs * RATE_HZ) / 1000) {
      u.lastPartialAt = u.fedTo;
      const p = this.asr.partial().then(
        (r) => { if (!u.finalized && r.text.trim()) this.listener.partial(this.channel, u, r) },
        (err) => this.listener.asrError(this.channel, err),
      );
      if (this.opts.deterministic) await p;
    }
  }

  private feed(u: Utterance, to: number): void {
    if (!this.asr || to <= u.fedTo) return;
    this.asr.accept(this.backlog.slice(u.fedTo, to));
    u.fedTo = to;
  }

  private async transition(tr: VadTransition): Promise<void> {
    // Pending before the silence is seen: a rule reacting to the silence knows a final is on its way.
    if (tr.state === 'silence' && this.current) this.markEnding(this.current);
    this.listener.vad(this.channel, tr);
    if (tr.state === 'speech') {
      if (this.current) return;
      const from = Math.max(0, Math.round((tr.t - this.opts.prerollMs / 1000) * RATE_HZ), this.backlog.start);
      this.current = { id: this.opts.nextUtteranceId(), start: tr.t, end: tr.t, audioFrom: from, fedTo: from,
        lastPartialAt: from, finalized: false };
      if (this.asr) this.feed(this.current, this.processedTo);
    } else if (this.current) {
      await this.finish(this.current, tr.t);
    }
  }

  private markEnding(u: Utterance): void {
    if (u.ending || !this.asr) return;
    u.ending = true;
    this.listener.finalPending(this.channel, u);
  }

  private async finish(u: Utterance, end: number): Promise<void> {
    this.current = null;
    u.end = end;
    if (!this.asr) { u.finalized = true; return }
    this.markEnding(u);
    const audio = this.backlog.slice(Math.round(u.start * RATE_HZ), Math.round(end * RATE_HZ));
    // asked now: the stream's next audio belongs to the next utterance
    const decoded = this.asr.finish({ speechEndedMsAgo: Math.max(0, (this.processedT - end) * 1000) });
    const report = async (): Promise<void> => {
      let result: AsrResult | undefined;
      try { result = await decoded } catch (err) { this.listener.asrError(this.channel, err) }
      u.finalized = true; // a late partial never follows the final
      try {
        if (result) await this.listener.final(this.channel, u, result, audio);
      } finally {
        this.listener.finalSettled(this.channel, u);
      }
    };
    this.finals = this.finals.then(report).catch((err) => this.listener.asrError(this.channel, err));
    if (this.opts.deterministic) await this.finals;
  }
}

/** Word times of a result (relative to the utterance audio) in call time, clipped to the utterance. */
export function wordsInCallTime(u: Utterance, r: AsrResult): Word[] | undefined {
  if (!r.words?.length) return undefined;
  const t0 = u.audioFrom / RATE_HZ;
  return r.words.map((w) => ({ w: w.w, start: round3(t0 + w.start), end: round3(t0 + w.end) }));
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;
