// The model folder's config.json (written by models/train/asr/export.py): front-end parameters, feature
// normalisation, ONNX tensor layout and the output alphabet. Loaded once and checked so that a wrong or
// partial folder fails at load time with a message naming the file, not later inside a call.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.ts';
import type { FeatureConfig } from './logmel.ts';

export interface EmbeddedModelConfig {
  name: string;
  features: FeatureConfig;
  normMean: number[];
  normStd: number[];
  model: {
    file: string;
    subsampling: number;    // feature frames per output frame
    frameShiftMs: number;   // output frame duration (ms)
    chunkFrames: number;    // feature frames per streaming step
    /** Recurrent/conv state tensors (batch 1): input <name>, output <name>_out, zero at utterance start. */
    states: Array<{ name: string; shape: number[] }>;
  };
  alphabet: string[];      // index 0 is the CTC blank
  blank: number;
  /** Optional calibration: how late (ms) the model emits a character after it is spoken. */
  emissionDelayMs?: number;
}

export interface ModelFiles { dir: string; config: EmbeddedModelConfig; modelPath: string; lmPath?: string }

export function loadModelFiles(dir: string): ModelFiles {
  const configPath = join(dir, 'config.json');
  if (!existsSync(configPath)) throw new AppError('MODEL_UNAVAILABLE', `embedded ASR model: missing ${configPath}`);
  let config: EmbeddedModelConfig;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as EmbeddedModelConfig;
  } catch (err) {
    throw new AppError('MODEL_UNAVAILABLE', `embedded ASR model: unreadable ${configPath}`, { cause: err });
  }
  const f = config.features;
  const ok = f && config.model && Array.isArray(config.alphabet) && config.normMean?.length === f.nMels &&
    config.normStd?.length === f.nMels && config.model.chunkFrames % config.model.subsampling === 0 &&
    Array.isArray(config.model.states);
  if (!ok) throw new AppError('MODEL_UNAVAILABLE', `embedded ASR model: ${configPath} lacks required fields`);
  const modelPath = join(dir, config.model.file);
  if (!existsSync(modelPath)) throw new AppError('MODEL_UNAVAILABLE', `embedded ASR model: missing ${modelPath}`);
  const lmPath = join(dir, 'lm.json');
  return { dir, config, modelPath, lmPath: existsSync(lmPath) ? lmPath : undefined };
}

/** One stream's recurrent/conv state, by ONNX input name (batch 1, row-major). */
export type ModelState = Record<string, Float32Array>;

/** Zeroed state: the start of an utterance. */
export function initialState(c: EmbeddedModelConfig): ModelState {
  const state: ModelState = {};
  for (const s of c.model.states) state[s.name] = new Float32Array(s.shape.reduce((a, b) => a * b, 1));
  return state;
}
