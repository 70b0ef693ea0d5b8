// Engine plumbing on a RandomTinyModel: an untrained, randomly initialised model exported by
// models/train/asr/export.py --random-tiny into the test's tmp dir (needs Debian python3-torch; skipped
// without it). The text it produces is meaningless; the tests check streaming behaviour and determinism.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { AsrEngine, AsrResult } from '../types.ts';
import { loadEmbeddedEngine } from './index.ts';

const PY = '/usr/bin/python3';
const EXPORT = new URL('../../../models/train/asr/export.py', import.meta.url).pathname;
const hasTorch = existsSync(PY) && (() => { try { execFileSync(PY, ['-c', 'import torch, onnx'], { stdio: 'ignore' }); return true } catch { return false } })();

function noise(seconds: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * 16000));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = 0.2 * Math.sin(i / 9) * ((s / 2147483648) - 0.5) + 0.1 * Math.sin(i / 37);
  }
  return out;
}

function feed(stream: { accept(x: Float32Array): void }, audio: Float32Array, piece: number): void {
  for (let at = 0; at < audio.length; at += piece) stream.accept(audio.subarray(at, at + piece));
}

describe('loadEmbeddedEngine', () => {
  it('names the missing file when the model folder is incomplete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asr-missing-'));
    const err = await loadEmbeddedEngine({ modelDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('MODEL_UNAVAILABLE');
    expect((err as AppError).message).toContain(join(dir, 'config.json'));
    rmSync(dir, { recursive: true });
  });
});

describe.skipIf(!hasTorch)('embedded engine with a RandomTinyModel', () => {
  let dir: string;
  let engine: AsrEngine;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asr-random-tiny-'));
    execFileSync(PY, [EXPORT, '--random-tiny', '--out', dir], { stdio: 'ignore' });
    engine = await loadEmbeddedEngine({ modelDir: dir, workers: 2 });
  });
  afterAll(async () => {
    await engine?.close();
    if (dir) rmSync(dir, { recursive: true });
  });

  it('onnxruntime reproduces the torch outputs across two chunks (state carried over)', async () => {
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    const check = JSON.parse(readFileSync(join(dir, 'onnx-check.json'), 'utf8')) as { chunks: number[][][]; logprobs: number[][][] };
    const states = cfg.model.states as Array<{ name: string; shape: number[] }>;
    const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), { intraOpNumThreads: 1 });
    const zeros = (dims: number[]): ort.Tensor => new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b)), dims);
    let state: Record<string, ort.Tensor> = Object.fromEntries(states.map((s) => [s.name, zeros(s.shape)]));
    let worst = 0;
    for (let k = 0; k < 2; k++) {
      const feats = new ort.Tensor('float32', Float32Array.from(check.chunks[k].flat()), [1, check.chunks[k].length, 80]);
      const out = await session.run({ feats, ...state });
      check.logprobs[k].flat().forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (out.logprobs.data as Float32Array)[i])) });
      state = Object.fromEntries(states.map((s) => [s.name, out[`${s.name}_out`]]));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('gives the same final whether audio comes in one piece or in 10 ms frames, and resets after finish', async () => {
    const audio = noise(1.3);
    const a = engine.createStream();
    a.accept(audio);
    const whole = await a.finish();
    feed(a, audio, 160);
    const framed = await a.finish();
    const b = engine.createStream();
    feed(b, audio, 333);
    const odd = await b.finish();
    expect(framed).toEqual(whole);
    expect(odd).toEqual(whole);
    a.close();
    b.close();
  });

  it('accept() returns at once; partial() waits for the queued audio; word times stay inside the utterance', async () => {
    const s = engine.createStream();
    const audio = noise(4, 7);
    const t0 = performance.now();
    s.accept(audio);
    expect(performance.now() - t0).toBeLessThan(200); // features only, the model runs in the workers
    const p: AsrResult = await s.partial();
    expect(typeof p.text).toBe('string');
    const f = await s.finish();
    for (const w of f.words ?? []) {
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeGreaterThanOrEqual(w.start);
      expect(w.end).toBeLessThanOrEqual(4.1);
    }
    expect(f.text).toBe((f.words ?? []).map((w) => w.w).join(' '));
    s.close();
  });

  it('settled() resolves once every stream has been decoded', async () => {
    const streams = [0, 1, 2].map(() => engine.createStream());
    streams.forEach((s, i) => s.accept(noise(2, i + 3)));
    await engine.settled!();
    // after settled, partials need no more model work and resolve without new steps
    const results = await Promise.all(streams.map((s) => s.partial()));
    expect(results).toHaveLength(3);
    await Promise.all(streams.map((s) => s.finish()));
    streams.forEach((s) => s.close());
  });

  it('an empty utterance finishes with empty text', async () => {
    const s = engine.createStream();
    expect((await s.finish()).text).toBe('');
    s.close();
  });
});
