import { describe, expect, it } from 'vitest';
import { Framer } from './framer.ts';

describe('Framer', () => {
  it('turns chunks of any size into 20 ms frames in order, keeping the remainder', () => {
    const f = new Framer(8000, 20);
    expect(f.frameSamples).toBe(160);
    const x = Float32Array.from({ length: 1000 }, (_, i) => i);
    const frames: Float32Array[] = [];
    for (const size of [1, 7, 159, 160, 161, 300, 212]) {
      const start = frames.length * 160 + f.remainder;
      frames.push(...f.push(x.subarray(start, start + size)));
    }
    expect(frames).toHaveLength(6); // 1000 samples = 6 frames + 40
    expect(f.remainder).toBe(40);
    frames.forEach((fr, k) => { expect(fr.length).toBe(160); expect(fr[0]).toBe(k * 160); expect(fr[159]).toBe(k * 160 + 159) });
    const [last] = f.flush();
    expect(last[0]).toBe(960);
    expect(last[39]).toBe(999);
    expect(last[40]).toBe(0);
    expect(f.flush()).toEqual([]);
  });

  it('frames stay valid after later pushes', () => {
    const f = new Framer(16000);
    const a = f.push(new Float32Array(330).fill(1));
    f.push(new Float32Array(330).fill(2));
    expect(a[0].every((v) => v === 1)).toBe(true);
  });

  it('rejects a frame length that is not whole samples', () => {
    expect(() => new Framer(11025, 20)).toThrow(RangeError);
  });
});
