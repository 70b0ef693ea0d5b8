// Text classification with downloaded Hugging Face models through @huggingface/transformers (ONNX exports in the
// transformers.js layout). LOCAL FILES ONLY: remote loading is switched off, a missing file is an error naming it.
// Folder layout under `modelDir`: either one model (config.json at the top) or `sentiment/` and/or `emotion/`
// model folders. Each model folder needs config.json, tokenizer.json, tokenizer_config.json and onnx/<model file>.
// The label set (config.json id2label) decides which head a model serves: SST-2 / 3-class / star sentiment, or
// Ekman+neutral (j-hartmann) / GoEmotions emotions (label-maps.ts). With only an emotion model, sentiment is
// derived from the emotion probabilities; with only a sentiment model, the emotion is reported as neutral with
// score 0 (no emotion information) and no emotionProbs.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../errors.ts';
import type { TextClassification, TextClassifier } from '../types.ts';
import { detectModelKind, mapEmotion, mapSentiment, sentimentFromEmotion, type LabelScore, type ModelKind } from './label-maps.ts';

export interface TransformersClassifierOptions {
  /** A model folder, or a folder holding `sentiment/` and/or `emotion/` model folders. */
  modelDir: string;
  /** Weights variant: fp32 reads onnx/model.onnx, q8 reads onnx/model_quantized.onnx. */
  dtype?: 'fp32' | 'q8';
  intraOpNumThreads?: number;
}
export const DEFAULT_TRANSFORMERS_OPTIONS = { dtype: 'fp32', intraOpNumThreads: 1 } as const;

const ONNX_FILE = { fp32: 'onnx/model.onnx', q8: 'onnx/model_quantized.onnx' } as const;
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

type Classify = (text: string, opts: { top_k: number }) => Promise<LabelScore[] | LabelScore[][]>;
interface LoadedModel { kind: ModelKind; labels: number; run: Classify; dispose(): Promise<void> }

const fail = (msg: string, cause?: unknown) =>
  new AppError('MODEL_UNAVAILABLE', `transformers text classifier: ${msg}`, cause ? { cause } : undefined);

/** Model folders to load, checked for every required file before the library is touched. */
export function findModelFolders(modelDir: string, dtype: 'fp32' | 'q8'): string[] {
  const root = resolve(modelDir);
  if (!existsSync(root)) throw fail(`model folder ${root} does not exist`);
  const folders = existsSync(join(root, 'config.json'))
    ? [root]
    : ['sentiment', 'emotion'].map((d) => join(root, d)).filter((d) => existsSync(d));
  if (folders.length === 0) {
    throw fail(`${root} holds neither a model (config.json) nor sentiment/ or emotion/ model folders`);
  }
  for (const f of folders) {
    for (const name of [...REQUIRED, ONNX_FILE[dtype]]) {
      if (!existsSync(join(f, name))) throw fail(`missing file ${join(f, name)}`);
    }
  }
  return folders;
}

function labelsOf(folder: string): string[] {
  const path = join(folder, 'config.json');
  let cfg: { id2label?: Record<string, string> };
  try {
    cfg = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw fail(`cannot read ${path}: ${(err as Error).message}`, err);
  }
  const entries = Object.entries(cfg.id2label ?? {}).sort((a, b) => Number(a[0]) - Number(b[0]));
  return entries.map(([, l]) => l);
}

// env.localModelPath is global to the library: loads run one at a time so each sees its own folder.
let loadChain: Promise<unknown> = Promise.resolve();

async function loadModel(folder: string, o: Required<Omit<TransformersClassifierOptions, 'modelDir'>>): Promise<LoadedModel> {
  const labels = labelsOf(folder);
  const kind = detectModelKind(labels);
  if (!kind) throw fail(`${join(folder, 'config.json')} has an unknown label set (${labels.slice(0, 8).join(', ')})`);
  const load = loadChain.then(async () => {
    const tf = await import('@huggingface/transformers');
    tf.env.allowRemoteModels = false;
    tf.env.allowLocalModels = true;
    tf.env.localModelPath = dirname(folder) + '/';
    try {
      return await tf.pipeline('text-classification', basename(folder), {
        dtype: o.dtype, local_files_only: true, session_options: { intraOpNumThreads: o.intraOpNumThreads },
      });
    } catch (err) {
      throw fail(`cannot load ${folder}: ${(err as Error).message}`, err);
    }
  });
  loadChain = load.catch(() => undefined);
  const pipe = await load;
  return {
    kind, labels: labels.length,
    run: (text, opts) => (pipe as unknown as Classify)(text, opts),
    dispose: () => pipe.dispose(),
  };
}

class TransformersClassifier implements TextClassifier {
  readonly name = 'transformers';
  constructor(private readonly sentiment?: LoadedModel, private readonly emotion?: LoadedModel) {}

  private async scores(m: LoadedModel, text: string): Promise<LabelScore[]> {
    const out = await m.run(text, { top_k: m.labels });
    return (Array.isArray(out[0]) ? out[0] : out) as LabelScore[];
  }

  async classify(text: string): Promise<TextClassification> {
    const input = text.trim() === '' ? '.' : text; // tokenizers reject nothing; a bare mark reads as neutral
    const [s, e] = await Promise.all([
      this.sentiment ? this.scores(this.sentiment, input) : undefined,
      this.emotion ? this.scores(this.emotion, input) : undefined,
    ]);
    const emotion = e ? mapEmotion(e) : undefined;
    const sentiment = s ? mapSentiment(s) : sentimentFromEmotion(emotion!.probs);
    if (!emotion) return { sentiment, emotion: { label: 'neutral', score: 0 } };
    return { sentiment, emotion: { label: emotion.label, score: emotion.score }, emotionProbs: emotion.probs };
  }

  async close(): Promise<void> {
    await Promise.all([this.sentiment?.dispose(), this.emotion?.dispose()]);
  }
}

export async function loadTransformersClassifier(opts: TransformersClassifierOptions): Promise<TextClassifier> {
  const o = { ...DEFAULT_TRANSFORMERS_OPTIONS, ...opts };
  const folders = findModelFolders(o.modelDir, o.dtype);
  const models: LoadedModel[] = [];
  for (const f of folders) models.push(await loadModel(f, { dtype: o.dtype, intraOpNumThreads: o.intraOpNumThreads }));
  const sentiment = models.find((m) => m.kind === 'sentiment');
  const emotion = models.find((m) => m.kind === 'emotion');
  return new TransformersClassifier(sentiment, emotion);
}
