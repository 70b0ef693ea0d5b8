// Overload policy of live calls. The accurate engine (PocketSphinx) costs ~0.2 s of CPU per second of speech: a
// 2-core machine keeps up with ~9 channels, not the 20 of 10 calls. Queued behind other channels, its finals then
// come seconds to minutes late, and a prompt that arrives after the moment has passed is worthless. So each new
// utterance looks at the primary engine's worker: when it is already decoding `maxSpeaking` utterances in
// progress (what one core keeps up with), or lags more than `maxLagMs` behind, that utterance is decoded by the
// light engine (the embedded model, ~40x cheaper, less accurate) instead. And an utterance the primary took
// on but whose final is not back `finalWaitMs` after the speech ended (the worker fell behind meanwhile) is decoded by
// the light engine from the utterance's audio, kept for that; the late primary result is dropped.
// Transcripts degrade under overload rather than arrive too late. Sessions that must give the same output on
// every run (replay at --speed max) never overflow: they ask for `deterministic` streams.
import type { AsrEngine, AsrResult, AsrStream, AsrStreamOptions } from './types.ts';

/** A stream that can say how loaded its decoder is. */
export interface LagAwareStream extends AsrStream {
  /** How far behind its decoder is (ms): the age of its oldest unanswered request. */
  lagMs(): number;
  /** Other streams on the same decoder in the middle of an utterance. */
  othersSpeaking(): number;
  /** The number of the utterance the next finish() ends, and a way to say its result is no longer wanted (so
   *  the decoder skips what it still has queued of it), when the engine supports that. */
  utteranceNo?(): number;
  drop?(utt: number): void;
}

export interface OverflowOptions {
  /** Above this lag of the primary's worker (ms) at an utterance's start, the utterance goes to the fallback. */
  maxLagMs: number;
  /** At an utterance's start, when this many others are in progress on the primary's worker, to the fallback. */
  maxSpeaking: number;
  /** A primary final not back this long after the speech end (ms) is replaced by the fallback's decoding. */
  finalWaitMs: number;
  /** Called for every utterance decoded by the fallback (metrics, logs). */
  onOverflow?: () => void;
}

export function isLagAware(s: AsrStream): s is LagAwareStream {
  const l = s as Partial<LagAwareStream>;
  return typeof l.lagMs === 'function' && typeof l.othersSpeaking === 'function';
}

export class OverflowAsrEngine implements AsrEngine {
  readonly name: string;
  /** Deterministic streams are the primary's own. */
  readonly orderedResults?: boolean;

  constructor(private readonly primary: AsrEngine, readonly fallback: AsrEngine, private readonly opts: OverflowOptions) {
    this.name = primary.name;
    this.orderedResults = primary.orderedResults;
  }

  createStream(opts?: AsrStreamOptions): AsrStream {
    const main = this.primary.createStream(opts);
    if (opts?.deterministic || !isLagAware(main)) return main;
    return new OverflowStream(main, () => this.fallback.createStream(opts), this.opts);
  }

  async settled(): Promise<void> {
    await Promise.all([this.primary.settled?.(), this.fallback.settled?.()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close(), this.fallback.close()]);
  }
}

/** Per utterance, the primary stream or (when the primary is loaded at the utterance's start) the fallback. */
export class OverflowStream implements AsrStream {
  private spare: AsrStream | null = null;
  /** The stream of the utterance in progress; null between utterances. */
  private current: AsrStream | null = null;
  /** The audio of the utterance in progress on the primary, for a rescue by the fallback. */
  private kept: Float32Array[] = [];

  constructor(private readonly main: LagAwareStream, private readonly makeSpare: () => AsrStream, private readonly opts: OverflowOptions) {}

  accept(samples: Float32Array): void {
    if (!this.current) {
      if (this.main.othersSpeaking() >= this.opts.maxSpeaking || this.main.lagMs() > this.opts.maxLagMs) {
        this.current = this.spare ??= this.makeSpare();
        this.opts.onOverflow?.();
      } else {
        this.current = this.main;
      }
    }
    if (this.current === this.main) this.kept.push(samples.slice());
    this.current.accept(samples);
  }

  partial(): Promise<AsrResult> {
    return (this.current ?? this.main).partial();
  }

  finish(info?: { speechEndedMsAgo: number }): Promise<AsrResult> {
    const s = this.current ?? this.main;
    this.current = null;
    if (s !== this.main) return s.finish();
    const kept = this.kept;
    this.kept = [];
    const utt = this.main.utteranceNo?.();
    const waitMs = Math.max(0, this.opts.finalWaitMs - (info?.speechEndedMsAgo ?? 0));
    return this.finishOrRescue(this.main.finish(), kept, waitMs, () => { if (utt !== undefined) this.main.drop?.(utt) });
  }

  /** The primary's final if it comes within waitMs, else the fallback's decoding of the kept audio. */
  private finishOrRescue(primary: Promise<AsrResult>, kept: Float32Array[], waitMs: number, dropPrimary: () => void): Promise<AsrResult> {
    return new Promise<AsrResult>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        this.opts.onOverflow?.();
        dropPrimary(); // frees the primary's worker from the rest of this utterance
        // a stream of its own: the channel's spare may be taking the next utterance already
        const rescue = this.makeSpare();
        for (const chunk of kept) rescue.accept(chunk);
        rescue.finish().then(
          (r) => { rescue.close(); resolve(r) },
          () => { rescue.close(); primary.then(resolve, reject) }, // no rescue: the late primary final after all
        );
      }, waitMs);
      primary.then(
        (r) => { if (!settled) { settled = true; clearTimeout(timer); resolve(r) } },
        (err) => { if (!settled) { settled = true; clearTimeout(timer); reject(err) } },
      );
    });
  }

  close(): void {
    this.main.close();
    this.spare?.close();
  }
}
