import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogMelExtractor, type FeatureConfig } from './logmel.ts';

// Reference made by models/train/asr/make_reference.py with the training front end (dsp.log_mel, float64).
const ref = JSON.parse(readFileSync(new URL('./testdata/logmel-ref.json', import.meta.url), 'utf8')) as {
  pcm16: number[]; logmel: number[][]; config: FeatureConfig;
};
const samples = Float32Array.from(ref.pcm16, (v) => v / 32768);

function maxAbsDiff(got: Float32Array, want: number[][]): number {
  let worst = 0;
  want.forEach((row, f) => row.forEach((v, j) => { worst = Math.max(worst, Math.abs(got[f * row.length + j] - v)) }));
  return worst;
}

describe('LogMelExtractor', () => {
  it('reproduces the training features of the same audio', () => {
    const got = new LogMelExtractor(ref.config).push(samples);
    expect(got.length).toBe(ref.logmel.length * 80);
    expect(maxAbsDiff(got, ref.logmel)).toBeLessThan(1e-3);
  });

  it('gives the same frames when the audio arrives in odd-sized pieces', () => {
    const fe = new LogMelExtractor(ref.config);
    const parts: Float32Array[] = [];
    for (let at = 0, size = 37; at < samples.length; at += size, size = (size * 7) % 500 + 1) parts.push(fe.push(samples.subarray(at, at + size)));
    const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) { joined.set(p, off); off += p.length }
    expect(joined.length).toBe(ref.logmel.length * 80);
    expect(maxAbsDiff(joined, ref.logmel)).toBeLessThan(1e-3);
  });
});
