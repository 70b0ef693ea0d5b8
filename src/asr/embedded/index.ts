// The embedded engine: the project's own streaming CTC model (models/asr-embedded, trained by
// models/train/asr) run by onnxruntime-node in a small worker pool shared by every stream.
import { availableParallelism } from 'node:os';
import type { AsrEngine, AsrStream } from '../types.ts';
import { defaultBeamOptions, type BeamOptions } from './ctc-beam.ts';
import { loadModelFiles } from './model-config.ts';
import { InferencePool } from './pool.ts';
import { EmbeddedStream } from './stream.ts';

export interface EmbeddedEngineOptions {
  /** Folder with config.json, model.onnx and (for beam) lm.json. */
  modelDir: string;
  /** Inference workers shared by all streams (default: cores - 1, at least 1, at most 4). */
  workers?: number;
  /** Final results from the LM beam search instead of greedy decoding (partials stay greedy). Default on
   *  when the model folder has lm.json: on held-out voices it roughly halves the WER, for ~0.1 s more per final
   *  (trigram LM, width 128: ctc-beam.ts; figures in models/asr-embedded/README.md). */
  beam?: boolean;
  beamOptions?: Partial<BeamOptions>;
  /** Feature frames (10 ms) per model step at most, when a stream has a backlog. */
  maxStepFrames?: number;
  /** Phrases to boost in the finals' beam search (`beamOptions.phraseBoost` per word), read at each final. */
  phraseHints?: { readonly current: readonly string[] };
  /** Evaluation hook: receives each finished utterance's log-probs (frames x vocab), e.g. to score decoders. */
  onFinalLogprobs?: (logprobs: Float32Array, frames: number) => void;
}

export const defaultEmbeddedOptions = { beam: true, maxStepFrames: 400 } as const;

class EmbeddedEngine implements AsrEngine {
  readonly name = 'embedded';
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly pool: InferencePool, private readonly makeStream: (track: (p: Promise<unknown>) => void) => AsrStream) {}

  createStream(): AsrStream {
    return this.makeStream((p) => {
      this.inFlight.add(p);
      const done = (): void => { this.inFlight.delete(p) };
      p.then(done, done);
    });
  }

  async settled(): Promise<void> {
    // a finishing step may queue the next one, so loop until nothing is in flight
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): Promise<void> { return this.pool.close() }
}

export async function loadEmbeddedEngine(opts: EmbeddedEngineOptions): Promise<AsrEngine> {
  const files = loadModelFiles(opts.modelDir);
  const workers = opts.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1));
  const beam = (opts.beam ?? (defaultEmbeddedOptions.beam && files.lmPath !== undefined)) ? { ...defaultBeamOptions, ...opts.beamOptions } : undefined;
  const pool = await InferencePool.start(files, workers, beam);
  const chunk = files.config.model.chunkFrames;
  const maxStepFrames = Math.max(chunk, Math.floor((opts.maxStepFrames ?? defaultEmbeddedOptions.maxStepFrames) / chunk) * chunk);
  return new EmbeddedEngine(pool, (track) => new EmbeddedStream({ config: files.config, pool, beam, track, maxStepFrames, onFinalLogprobs: opts.onFinalLogprobs, phraseHints: opts.phraseHints }));
}
