// One call channel's recognizer stream. accept() only computes features (cheap, ~2 ms per second of audio)
// and queues them; model steps run in the worker pool, one step per stream at a time because each step
// needs the state the previous one returned. finish() hands the utterance its own context and starts a
// fresh one at once, so audio accepted while the final is being computed belongs to the next utterance.
import type { AsrResult, AsrStream } from '../types.ts';
import type { BeamOptions } from './ctc-beam.ts';
import { GreedyCtcDecoder, emissionsToResult } from './ctc-greedy.ts';
import { LogMelExtractor } from './logmel.ts';
import { initialState, type EmbeddedModelConfig, type ModelState } from './model-config.ts';
import type { InferencePool } from './pool.ts';

export interface StreamDeps {
  config: EmbeddedModelConfig;
  pool: InferencePool;
  beam?: BeamOptions;
  /** Phrases to boost in the beam search, read at each final (the rule pack's, see src/asr/phrase-hints.ts). */
  phraseHints?: { readonly current: readonly string[] };
  /** Called with each step's promise so the engine can offer settled(). */
  track: (work: Promise<unknown>) => void;
  /** Feature frames sent in one model step at most (bounds the latency of a partial under backlog). */
  maxStepFrames: number;
  /** Evaluation hook: receives each finished utterance's log-probs (frames x vocab). */
  onFinalLogprobs?: (logprobs: Float32Array, frames: number) => void;
}

/** Audio, features and decoder state of one utterance. */
class Utterance {
  private feats: Float32Array;
  private featFrames = 0;          // queued frames not yet sent to the model
  private state: ModelState;
  private busy = false;
  private failed: unknown = null;
  private waiters: Array<() => void> = [];
  private logprobs: Float32Array;
  readonly greedy: GreedyCtcDecoder;

  constructor(private readonly deps: StreamDeps) {
    const c = deps.config;
    this.feats = new Float32Array(c.model.chunkFrames * c.features.nMels * 4);
    this.state = initialState(c);
    this.logprobs = new Float32Array(256 * c.alphabet.length);
    this.greedy = new GreedyCtcDecoder(c.alphabet, c.blank);
  }

  addFeatures(frames: Float32Array): void {
    const need = (this.featFrames * this.deps.config.features.nMels) + frames.length;
    if (need > this.feats.length) {
      const grown = new Float32Array(Math.max(need, this.feats.length * 2));
      grown.set(this.feats.subarray(0, this.featFrames * this.deps.config.features.nMels));
      this.feats = grown;
    }
    this.feats.set(frames, this.featFrames * this.deps.config.features.nMels);
    this.featFrames += frames.length / this.deps.config.features.nMels;
    this.pump(false);
  }

  /** Sends the next step if none is running. With flush, a tail shorter than a chunk is zero-padded. */
  private pump(flush: boolean): void {
    if (this.busy || this.failed) return this.wake();
    const { chunkFrames, subsampling } = this.deps.config.model;
    const nMels = this.deps.config.features.nMels;
    let frames = Math.min(Math.floor(this.featFrames / chunkFrames) * chunkFrames, this.deps.maxStepFrames);
    if (frames === 0 && flush && this.featFrames > 0) frames = Math.ceil(this.featFrames / subsampling) * subsampling;
    if (frames === 0) return this.wake();
    const take = Math.min(frames, this.featFrames);
    const input = new Float32Array(frames * nMels); // zeros = the mean feature after normalisation
    input.set(this.feats.subarray(0, take * nMels));
    this.feats.copyWithin(0, take * nMels, this.featFrames * nMels);
    this.featFrames -= take;
    this.busy = true;
    const work = this.deps.pool.run(input, frames, this.state).then((r) => {
      this.state = r.state;
      this.appendLogprobs(r.logprobs, r.outFrames);
      this.greedy.push(r.logprobs, r.outFrames);
    }, (err) => { this.failed = err });
    this.deps.track(work);
    void work.finally(() => { this.busy = false; this.pump(flush) });
  }

  private wake(): void {
    if (this.busy) return;
    const w = this.waiters.splice(0);
    for (const f of w) f();
  }

  private appendLogprobs(lp: Float32Array, frames: number): void {
    const used = this.greedy.frameCount * this.deps.config.alphabet.length;
    if (used + lp.length > this.logprobs.length) {
      const grown = new Float32Array(Math.max(used + lp.length, this.logprobs.length * 2));
      grown.set(this.logprobs.subarray(0, used));
      this.logprobs = grown;
    }
    this.logprobs.set(lp.subarray(0, frames * this.deps.config.alphabet.length), used);
  }

  /** Resolves when every full chunk queued so far has been decoded (with flush: every frame). */
  drain(flush: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push(() => resolve());
      this.pump(flush);
    }).then(() => {
      if (this.failed) throw this.failed;
      const { chunkFrames } = this.deps.config.model;
      if (this.featFrames >= (flush ? 1 : chunkFrames)) return this.drain(flush);
    });
  }

  result(): AsrResult {
    const m = this.deps.config.model;
    return emissionsToResult(this.greedy.emissions, m.frameShiftMs, this.deps.config.emissionDelayMs ?? 0);
  }

  async final(): Promise<AsrResult> {
    await this.drain(true);
    const frames = this.greedy.frameCount;
    this.deps.onFinalLogprobs?.(this.logprobs.slice(0, frames * this.deps.config.alphabet.length), frames);
    if (!this.deps.beam || frames === 0) return this.result();
    const lp = this.logprobs.slice(0, frames * this.deps.config.alphabet.length);
    const hot = this.deps.phraseHints?.current;
    const options = hot?.length ? { ...this.deps.beam, hotPhrases: hot } : this.deps.beam;
    const emissions = await this.deps.pool.beamSearch(lp, frames, options);
    return emissionsToResult(emissions, this.deps.config.model.frameShiftMs, this.deps.config.emissionDelayMs ?? 0);
  }
}

export class EmbeddedStream implements AsrStream {
  private readonly frontEnd: LogMelExtractor;
  private utt: Utterance;
  private closed = false;

  constructor(private readonly deps: StreamDeps) {
    const c = deps.config;
    this.frontEnd = new LogMelExtractor(c.features, c.normMean, c.normStd);
    this.utt = new Utterance(deps);
  }

  accept(samples: Float32Array): void {
    if (this.closed || samples.length === 0) return;
    const frames = this.frontEnd.push(samples);
    if (frames.length > 0) this.utt.addFeatures(frames);
  }

  async partial(): Promise<AsrResult> {
    const utt = this.utt;
    await utt.drain(false);
    return utt.result();
  }

  finish(): Promise<AsrResult> {
    const utt = this.utt;
    this.utt = new Utterance(this.deps);
    this.frontEnd.reset();
    return utt.final();
  }

  close(): void {
    this.closed = true;
    this.frontEnd.reset();
  }
}
