// The sherpa engine: sherpa-onnx-node's OnlineRecognizer for any sherpa-onnx streaming model (transducer,
// paraformer, zipformer2 CTC), decoding in one worker thread. Default model: the Apache-2.0
// sherpa-onnx-streaming-zipformer-en-20M-2023-02-17 release in models/sherpa-zipformer-en-20M/
// (`npm run models:fetch`; it is not committed: 45 MB of int8 weights).
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../models/locate.ts';
import type { AsrEngine, AsrStream } from '../types.ts';
import { loadSherpaAddon, probeRecognizer, SHERPA_PACKAGE } from './addon.ts';
import { SherpaWorkerHost } from './host.ts';
import { DEFAULT_RECOGNIZER_TUNING, findSherpaModelFiles, recognizerConfig, type RecognizerTuning } from './model-files.ts';
import { SherpaStream } from './stream.ts';

export interface SherpaEngineOptions {
  /** Model folder (default: the project's models/sherpa-zipformer-en-20M). */
  modelDir?: string;
  tuning?: Partial<RecognizerTuning>;
  /** Silence appended at finish() so the last word is emitted (s). */
  tailPaddingS?: number;
  /** Package to load (tests point it at a missing one). */
  moduleName?: string;
  /** Build the recognizer once in a child process first (guards the server against native aborts). */
  probe?: boolean;
}

export const DEFAULT_SHERPA_MODEL_DIR = resolve(PROJECT_ROOT, 'models/sherpa-zipformer-en-20M');
export const DEFAULT_SHERPA_OPTIONS = { tailPaddingS: 0.5, probe: true } as const;

class SherpaEngine implements AsrEngine {
  readonly name = 'sherpa';
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly host: SherpaWorkerHost) {}

  createStream(): AsrStream {
    return new SherpaStream(this.host, (p) => {
      this.inFlight.add(p);
      const done = (): void => { this.inFlight.delete(p) };
      p.then(done, done);
    });
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.host.settled();
  }

  close(): Promise<void> { return this.host.close() }
}

/**
 * Throws AppError ENGINE_UNAVAILABLE when sherpa-onnx-node is not installed, MODEL_UNAVAILABLE (naming the
 * folder or file) when the model is missing or unreadable.
 */
export async function loadSherpaEngine(opts: SherpaEngineOptions = {}): Promise<AsrEngine> {
  const moduleName = opts.moduleName ?? SHERPA_PACKAGE;
  loadSherpaAddon(moduleName); // fails fast, on this thread, with the install command
  const files = findSherpaModelFiles(opts.modelDir ?? DEFAULT_SHERPA_MODEL_DIR);
  const config = recognizerConfig(files, { ...DEFAULT_RECOGNIZER_TUNING, ...opts.tuning });
  if (opts.probe ?? DEFAULT_SHERPA_OPTIONS.probe) await probeRecognizer(config, moduleName);
  const host = await SherpaWorkerHost.start({ moduleName, config, tailPaddingS: opts.tailPaddingS ?? DEFAULT_SHERPA_OPTIONS.tailPaddingS });
  return new SherpaEngine(host);
}
