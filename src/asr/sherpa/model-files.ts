// Finds a sherpa-onnx streaming model's files in a folder and builds the OnlineRecognizer config for it.
// Supported layouts (the sherpa-onnx release tarballs): transducer (encoder + decoder + joiner), paraformer
// (encoder + decoder, no joiner) and zipformer2 CTC (one model file with "ctc" in its name). int8 files are
// preferred when both precisions are present: they are 3-4x smaller and faster on CPU at a small WER cost.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../errors.ts';

export type SherpaModelKind = 'transducer' | 'paraformer' | 'zipformer2Ctc';

export interface SherpaModelFiles {
  dir: string;
  kind: SherpaModelKind;
  tokens: string;
  /** Absolute paths by role: encoder/decoder/joiner (transducer), encoder/decoder (paraformer), model (CTC). */
  files: Record<string, string>;
}

/** The files of the default model (sherpa-onnx-streaming-zipformer-en-20M-2023-02-17), for error messages. */
export const DEFAULT_MODEL_FILES = ['encoder-epoch-99-avg-1.int8.onnx', 'decoder-epoch-99-avg-1.onnx', 'joiner-epoch-99-avg-1.int8.onnx', 'tokens.txt'];

/** Prefer `x.int8.onnx` over `x.onnx`; among several candidates, the shortest name (the plain export). */
function pick(names: string[], role: RegExp): string | undefined {
  const found = names.filter((n) => role.test(n) && n.endsWith('.onnx'));
  const int8 = found.filter((n) => n.includes('.int8.'));
  const pool = int8.length > 0 ? int8 : found;
  return pool.sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
}

export function findSherpaModelFiles(dir: string): SherpaModelFiles {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new AppError('MODEL_UNAVAILABLE', `sherpa model folder ${abs} does not exist; expected ${DEFAULT_MODEL_FILES.join(', ')} there (run \`npm run models:fetch\` on a machine with internet)`);
  }
  const names = readdirSync(abs);
  const at = (n: string) => resolve(abs, n);
  if (!names.includes('tokens.txt')) throw new AppError('MODEL_UNAVAILABLE', `sherpa model file ${at('tokens.txt')} is missing`);
  const tokens = at('tokens.txt');

  const ctc = pick(names, /ctc/i);
  const encoder = pick(names, /^encoder/);
  const decoder = pick(names, /^decoder/);
  const joiner = pick(names, /^joiner/);
  if (ctc && !encoder) return { dir: abs, kind: 'zipformer2Ctc', tokens, files: { model: at(ctc) } };
  if (encoder && decoder && joiner) return { dir: abs, kind: 'transducer', tokens, files: { encoder: at(encoder), decoder: at(decoder), joiner: at(joiner) } };
  if (encoder && decoder && names.some((n) => /paraformer/i.test(n) || n === 'am.mvn')) return { dir: abs, kind: 'paraformer', tokens, files: { encoder: at(encoder), decoder: at(decoder) } };
  const missing = [!encoder && 'encoder*.onnx', !decoder && 'decoder*.onnx', !joiner && 'joiner*.onnx'].filter(Boolean).map((n) => at(n as string));
  throw new AppError('MODEL_UNAVAILABLE', `sherpa model in ${abs} is incomplete: missing ${missing.join(', ')}`);
}

export interface RecognizerTuning {
  /** onnxruntime threads inside the recognizer's worker. */
  numThreads: number;
  decodingMethod: 'greedy_search' | 'modified_beam_search';
  maxActivePaths: number;
}
export const DEFAULT_RECOGNIZER_TUNING: RecognizerTuning = { numThreads: 1, decodingMethod: 'greedy_search', maxActivePaths: 4 };

/** The sherpa-onnx-node OnlineRecognizer config. Endpointing is off: the project's VAD decides utterance ends. */
export function recognizerConfig(m: SherpaModelFiles, t: RecognizerTuning = DEFAULT_RECOGNIZER_TUNING): Record<string, unknown> {
  const modelConfig: Record<string, unknown> = { tokens: m.tokens, numThreads: t.numThreads, provider: 'cpu', debug: 0 };
  if (m.kind === 'transducer') modelConfig.transducer = { encoder: m.files.encoder, decoder: m.files.decoder, joiner: m.files.joiner };
  else if (m.kind === 'paraformer') modelConfig.paraformer = { encoder: m.files.encoder, decoder: m.files.decoder };
  else modelConfig.zipformer2Ctc = { model: m.files.model };
  return {
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig,
    decodingMethod: m.kind === 'transducer' ? t.decodingMethod : 'greedy_search',
    maxActivePaths: t.maxActivePaths,
    enableEndpoint: 0,
  };
}
