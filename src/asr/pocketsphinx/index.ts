// The PocketSphinx engine: Debian's libpocketsphinx through the native addon, decoding in a worker pool
// (one decoder per call channel), with the project's contact-centre LM mixed into the general en-us LM.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { loadAddon } from '../../../native/pocketsphinx/index.ts';
import { PROJECT_ROOT } from '../../models/locate.ts';
import type { AsrEngine, AsrStream } from '../types.ts';
import { buildDecoderSpec, readEngineFile, searchFor, type LmChoice, type SearchProfile, type SearchSettings } from './config.ts';
import { DecoderPool } from './pool.ts';
import { PocketSphinxStream } from './stream.ts';

export interface PocketSphinxOptions {
  /** Decoding workers shared by all streams ('auto': one per core, at most 4). */
  workers?: number | 'auto';
  /** Language model: Debian's general en-us, the contact-centre one, or both interpolated (default: engine.json). */
  lm?: LmChoice;
  /** Folder with engine.json, the domain LM and the extra dictionary (default: the project's models/pocketsphinx). */
  modelDir?: string;
  /** 'accurate' (default) or 'fast': engine.json's search settings, or its faster profile (more channels per
   *  core for a few points of WER; figures in models/pocketsphinx/README.md). */
  profile?: SearchProfile;
  /** Overrides of the profile's search settings (for tuning on the training dev set). */
  search?: SearchSettings;
  /** Decoders each worker makes ready after start-up (default 4), so the first calls do not wait for them. */
  spareDecoders?: number;
  /** Decode with 8 kHz narrowband features (the stream still takes 16 kHz audio and halves its rate). */
  narrowband?: boolean;
}

export const DEFAULT_MODEL_DIR = resolve(PROJECT_ROOT, 'models/pocketsphinx');

class PocketSphinxEngine implements AsrEngine {
  readonly name = 'pocketsphinx';
  /** A stream's worker handles its audio, partials and finishes one message at a time, in order. */
  readonly orderedResults = true;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly pool: DecoderPool, private readonly decoderRateHz: number) {}

  createStream(): AsrStream {
    return new PocketSphinxStream(this.pool, (p) => {
      this.inFlight.add(p);
      const done = (): void => { this.inFlight.delete(p) };
      p.then(done, done);
    }, this.decoderRateHz);
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.pool.settled();
  }

  close(): Promise<void> { return this.pool.close() }
}

/** Throws AppError ENGINE_UNAVAILABLE (naming the Debian package) when the addon, library or a model is missing. */
export async function loadPocketSphinxEngine(opts: PocketSphinxOptions = {}): Promise<AsrEngine> {
  loadAddon(); // fails fast on the main thread with the package names
  const modelDir = resolve(opts.modelDir ?? DEFAULT_MODEL_DIR);
  const file = readEngineFile(modelDir);
  file.search = { ...searchFor(file, opts.profile ?? 'accurate'), ...opts.search };
  const spec = buildDecoderSpec(modelDir, file, opts.lm ?? file.lm, opts.narrowband ?? false);
  const workers = opts.workers === undefined || opts.workers === 'auto' ? Math.min(4, availableParallelism()) : opts.workers;
  return new PocketSphinxEngine(await DecoderPool.start(spec, workers, opts.spareDecoders ?? 4), spec.sampleRateHz);
}
