// The project's own sentiment + emotion classifier (models/train/analysis): hashed n-gram features -> small CNN,
// run by onnxruntime-node. One session per process; onnxruntime runs it on its own thread, so `classify` does
// not block the event loop. About 0.2-0.5 ms per utterance on one core (see models/analysis-embedded/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { AppError } from '../../errors.ts';
import type { TextClassification, TextClassifier } from '../types.ts';
import { EMOTION_LABELS, SENTIMENT_LABELS, fromProbabilities } from './result.ts';
import { encodeText, parseTokenizerConfig, type HashTokenizerConfig } from './tokenizer.ts';

export interface EmbeddedClassifierOptions {
  /** Folder holding model.onnx, tokenizer.json and labels.json. */
  modelDir: string;
  /** onnxruntime intra-op threads; 1 keeps many calls from fighting over the cores. */
  intraOpNumThreads?: number;
}
export const DEFAULT_EMBEDDED_OPTIONS = { intraOpNumThreads: 1 } as const;

export const EMBEDDED_FILES = ['model.onnx', 'tokenizer.json', 'labels.json'] as const;

function requireFile(dir: string, name: string): string {
  const p = join(dir, name);
  if (!existsSync(p)) throw new AppError('MODEL_UNAVAILABLE', `embedded text classifier: missing file ${p}`);
  return p;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('MODEL_UNAVAILABLE', `embedded text classifier: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** The label order the model was trained with must be the one the engine maps from. */
function checkLabels(path: string): void {
  const labels = readJson(path) as { sentiment?: unknown; emotion?: unknown };
  const same = (a: unknown, b: readonly string[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(labels.sentiment, SENTIMENT_LABELS) || !same(labels.emotion, EMOTION_LABELS)) {
    throw new AppError('MODEL_UNAVAILABLE', `embedded text classifier: ${path} does not list the expected label order`);
  }
}

class EmbeddedClassifier implements TextClassifier {
  readonly name = 'embedded';
  constructor(private readonly session: ort.InferenceSession, private readonly tokenizer: HashTokenizerConfig) {}

  async classify(text: string): Promise<TextClassification> {
    const enc = encodeText(text, this.tokenizer);
    const ids = new ort.Tensor('int64', enc.ids, [1, enc.tokens, enc.featsPerToken]);
    const out = await this.session.run({ ids });
    return fromProbabilities(out.sentiment_probs.data as Float32Array, out.emotion_probs.data as Float32Array);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

export async function loadEmbeddedClassifier(opts: EmbeddedClassifierOptions): Promise<TextClassifier> {
  const o = { ...DEFAULT_EMBEDDED_OPTIONS, ...opts };
  if (!existsSync(o.modelDir)) throw new AppError('MODEL_UNAVAILABLE', `embedded text classifier: model folder ${o.modelDir} does not exist`);
  const [modelPath, tokPath, labelsPath] = EMBEDDED_FILES.map((f) => requireFile(o.modelDir, f));
  let tokenizer: HashTokenizerConfig;
  try {
    tokenizer = parseTokenizerConfig(readJson(tokPath));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('MODEL_UNAVAILABLE', `embedded text classifier: ${tokPath}: ${(err as Error).message}`, { cause: err });
  }
  checkLabels(labelsPath);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: o.intraOpNumThreads, interOpNumThreads: 1, executionMode: 'sequential',
    });
  } catch (err) {
    throw new AppError('MODEL_UNAVAILABLE', `embedded text classifier: cannot load ${modelPath}: ${(err as Error).message}`, { cause: err });
  }
  return new EmbeddedClassifier(session, tokenizer);
}
