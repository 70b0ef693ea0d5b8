import { describe, expect, it } from 'vitest';
import { ALAW_TO_INT16, MULAW_TO_INT16, decodeAlaw, decodeMulaw, encodeAlawSample, encodeMulawSample } from './g711.ts';
import { deinterleave, float32ToPcm16, pcm16ToFloat32 } from './pcm.ts';

describe('G.711', () => {
  it('decodes the reference mu-law and A-law code points', () => {
    expect(MULAW_TO_INT16[0xff]).toBe(0);
    expect(MULAW_TO_INT16[0x00]).toBe(-32124);
    expect(MULAW_TO_INT16[0x80]).toBe(32124);
    expect(ALAW_TO_INT16[0xd5]).toBe(8);
    expect(ALAW_TO_INT16[0x55]).toBe(-8);
    expect(ALAW_TO_INT16[0xaa]).toBe(32256);
  });
  it('round-trips every code through encode(decode(x))', () => {
    for (let c = 0; c < 256; c++) {
      expect(MULAW_TO_INT16[encodeMulawSample(MULAW_TO_INT16[c])]).toBe(MULAW_TO_INT16[c]);
      expect(ALAW_TO_INT16[encodeAlawSample(ALAW_TO_INT16[c])]).toBe(ALAW_TO_INT16[c]);
    }
  });
  it('keeps a sine within the codec quantisation error (SNR > 30 dB)', () => {
    for (const [enc, dec] of [[encodeMulawSample, decodeMulaw], [encodeAlawSample, decodeAlaw]] as const) {
      const x = Float32Array.from({ length: 800 }, (_, i) => 0.5 * Math.sin(i / 5));
      const y = dec(Uint8Array.from(x, (s) => enc(Math.round(s * 32767))));
      let e = 0, n = 0; for (let i = 0; i < x.length; i++) { e += (x[i] - y[i]) ** 2; n += x[i] ** 2 }
      expect(10 * Math.log10(n / e)).toBeGreaterThan(30);
    }
  });
});

describe('PCM16', () => {
  it('reads little-endian samples from an unaligned view', () => {
    const raw = new Uint8Array([0xaa, 0x00, 0x40, 0xff, 0xbf]); // offset 1: 0x4000, 0xbfff
    const y = pcm16ToFloat32(raw.subarray(1));
    expect([...y]).toEqual([0.5, -0x4001 / 32768]);
  });
  it('round-trips and de-interleaves stereo', () => {
    const bytes = float32ToPcm16(new Float32Array([0.25, -0.25, 0.5, -0.5]));
    const [l, r] = deinterleave(pcm16ToFloat32(bytes), 2);
    expect([...l]).toEqual([0.25, 0.5]);
    expect([...r]).toEqual([-0.25, -0.5]);
  });
});
