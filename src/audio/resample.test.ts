import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { Resampler, resample } from './resample.ts';

const nativeBuilt = existsSync(new URL('../../native/dsp/build/Release/dsp_addon.node', import.meta.url)) && process.env.AGENT_ASSIST_NATIVE_DSP !== '0';

const tone = (hz: number, rate: number, s: number, amp = 0.5) => Float32Array.from({ length: Math.round(rate * s) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
const rms = (x: Float32Array, from = 0, to = x.length) => { let e = 0; for (let i = from; i < to; i++) e += x[i] * x[i]; return Math.sqrt(e / (to - from)) };
const db = (r: number) => 20 * Math.log10(r);

describe('Resampler', () => {
  it.each([[48000], [44100], [32000], [22050]])('suppresses a tone above the new Nyquist by at least 40 dB (%i Hz -> 16 kHz)', (rate) => {
    const x = tone(9000, rate, 1);
    const y = resample(x, rate, 16000);
    const attenuation = db(rms(y, 800, y.length - 800) / rms(x));
    expect(attenuation).toBeLessThan(-40);
  });

  it('is not naive interpolation: a linear interpolator would let the 9 kHz tone alias through', () => {
    // the same measurement on linear interpolation, to show the test can fail
    const x = tone(9000, 48000, 1);
    const lin = Float32Array.from({ length: 16000 }, (_, n) => x[n * 3]);
    expect(db(rms(lin) / rms(x))).toBeGreaterThan(-10);
  });

  it.each([[8000], [11025], [22050], [44100], [48000]])('passes a 1 kHz tone within 0.5 dB (%i Hz)', (rate) => {
    const x = tone(1000, rate, 1);
    const y = resample(x, rate, 16000);
    expect(Math.abs(db(rms(y, 1000, y.length - 1000) / rms(x)))).toBeLessThan(0.5);
  });

  it('keeps time: a click stays at its instant after 8 kHz -> 16 kHz', () => {
    const x = new Float32Array(8000); x[4000] = 1;
    const y = resample(x, 8000, 16000);
    let peak = 0; for (let i = 1; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peak])) peak = i;
    expect(Math.abs(peak - 8000)).toBeLessThanOrEqual(1);
  });

  it('chunked output equals one-shot output and has the length of the ratio', () => {
    const x = tone(440, 8000, 2.013);
    const oneShot = resample(x, 8000, 16000);
    const r = new Resampler(8000, 16000);
    const parts: number[] = [];
    for (let i = 0; i < x.length; i += 157) parts.push(...r.process(x.subarray(i, i + 157)));
    parts.push(...r.flush());
    expect(parts.length).toBe(Math.ceil((x.length * 16000) / 8000));
    expect(parts.length).toBe(oneShot.length);
    let maxDiff = 0; for (let i = 0; i < parts.length; i++) maxDiff = Math.max(maxDiff, Math.abs(parts[i] - oneShot[i]));
    expect(maxDiff).toBeLessThan(1e-6);
  });

  it('44.1 kHz in 20 ms chunks gives 320 samples per 20 ms on average', () => {
    const r = new Resampler(44100, 16000);
    let n = 0;
    for (let i = 0; i < 100; i++) n += r.process(new Float32Array(882)).length;
    n += r.flush().length;
    expect(n).toBe(32000);
  });

  it.skipIf(!nativeBuilt).each([[8000], [44100], [48000]])('the native filter loop gives the TypeScript loop\'s output (%i Hz, 20 ms chunks)', (rate) => {
    const native = new Resampler(rate, 16000), ts = new Resampler(rate, 16000, { native: false });
    expect(native.isNative).toBe(true);
    expect(ts.isNative).toBe(false);
    let seed = 7;
    const noise = Float32Array.from({ length: rate * 2 }, () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 1073741824 - 1 });
    const step = rate / 50;
    let maxDiff = 0, n = 0;
    for (let i = 0; i <= noise.length; i += step) {
      const chunk = noise.subarray(i, i + step);
      const [a, b] = i < noise.length ? [native.process(chunk), ts.process(chunk)] : [native.flush(), ts.flush()];
      expect(a.length).toBe(b.length);
      for (let j = 0; j < a.length; j++) maxDiff = Math.max(maxDiff, Math.abs(a[j] - b[j]));
      n += a.length;
    }
    expect(n).toBe(32000);
    expect(maxDiff).toBeLessThan(1e-5); // float lanes vs a double accumulator: far below the 80 dB stop band (1e-4)
  });
});
