// The committed model (models/asr-embedded) on real TTS speech: a flite voice held out from training
// (rms) says a contact-centre sentence; the engine must return most of its words, in order, with
// increasing word times. Needs flite and sox (Debian packages from setup-system.sh).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav16 } from '../../../models/train/asr/eval-audio.ts';
import type { AsrEngine } from '../types.ts';
import { loadEmbeddedEngine } from './index.ts';

const MODEL_DIR = new URL('../../../models/asr-embedded', import.meta.url).pathname;
const haveTools = spawnSync('flite', ['-lv']).status === 0 && spawnSync('sox', ['--version']).status === 0;
const haveModel = existsSync(join(MODEL_DIR, 'model.onnx'));
const SENTENCE = 'i would like to cancel my broadband contract please';

function wordErrorRate(ref: string[], hyp: string[]): number {
  let d = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const nd = [i];
    for (let j = 1; j <= hyp.length; j++) nd[j] = Math.min(d[j] + 1, nd[j - 1] + 1, d[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    d = nd;
  }
  return d[hyp.length] / ref.length;
}

describe.skipIf(!haveTools || !haveModel)('committed embedded ASR model on a held-out TTS voice', () => {
  let engine: AsrEngine;
  let audio: Float32Array;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asr-real-'));
    try {
      spawnSync('flite', ['-voice', 'rms', '-t', SENTENCE, '-o', join(dir, 'raw.wav')]);
      spawnSync('sox', ['-V1', join(dir, 'raw.wav'), '-r', '16000', '-b', '16', join(dir, 'x.wav'), 'rate', '-v', '16000', 'pad', '0.3', '0.3']);
      audio = readWav16(join(dir, 'x.wav'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    engine = await loadEmbeddedEngine({ modelDir: MODEL_DIR, workers: 1 });
  });
  afterAll(async () => { await engine?.close() });

  it('onnxruntime reproduces the torch outputs of the committed model (onnx-check.json)', async () => {
    const cfg = JSON.parse(readFileSync(join(MODEL_DIR, 'config.json'), 'utf8'));
    const check = JSON.parse(readFileSync(join(MODEL_DIR, 'onnx-check.json'), 'utf8')) as { chunks: number[][][]; logprobs: number[][][] };
    const states = cfg.model.states as Array<{ name: string; shape: number[] }>;
    const session = await ort.InferenceSession.create(join(MODEL_DIR, 'model.onnx'), { intraOpNumThreads: 1 });
    let state: Record<string, ort.Tensor> = Object.fromEntries(states.map((s) => [s.name, new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b)), s.shape)]));
    let worst = 0;
    for (let k = 0; k < check.chunks.length; k++) {
      const out = await session.run({ feats: new ort.Tensor('float32', Float32Array.from(check.chunks[k].flat()), [1, check.chunks[k].length, 80]), ...state });
      check.logprobs[k].flat().forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (out.logprobs.data as Float32Array)[i])) });
      state = Object.fromEntries(states.map((s) => [s.name, out[`${s.name}_out`]]));
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('transcribes the sentence streamed in 20 ms frames, with ordered word times', async () => {
    const s = engine.createStream();
    for (let at = 0; at < audio.length; at += 320) s.accept(audio.subarray(at, at + 320));
    const partial = await s.partial();
    const final = await s.finish();
    s.close();
    expect(partial.text.length).toBeGreaterThan(0);
    expect(wordErrorRate(SENTENCE.split(' '), final.text.split(' '))).toBeLessThan(0.5);
    const words = final.words ?? [];
    expect(words.length).toBeGreaterThan(3);
    for (let i = 1; i < words.length; i++) expect(words[i].start).toBeGreaterThanOrEqual(words[i - 1].start);
    expect(words[words.length - 1].end).toBeLessThanOrEqual(audio.length / 16000 + 0.05);
  });

  it('the LM beam search (the default) gives at least as good a final as greedy decoding on the same audio', async () => {
    const greedyEngine = await loadEmbeddedEngine({ modelDir: MODEL_DIR, workers: 1, beam: false });
    try {
      const g = greedyEngine.createStream();
      const b = engine.createStream();
      g.accept(audio);
      b.accept(audio);
      const [greedy, beam] = await Promise.all([g.finish(), b.finish()]);
      const ref = SENTENCE.split(' ');
      expect(wordErrorRate(ref, beam.text.split(' '))).toBeLessThanOrEqual(wordErrorRate(ref, greedy.text.split(' ')) + 1e-9);
    } finally {
      await greedyEngine.close();
    }
  });
});
