// Minimal audio readers for evaluation: 16-bit PCM mono WAV and G.711 mu-law bytes.
import { readFileSync } from 'node:fs';

/** Reads a 16-bit PCM mono WAV as float samples in [-1, 1] (sample rate as stored). */
export function readWav16(path: string): Float32Array {
  const buf = readFileSync(path);
  let at = 12;
  let format: { channels: number; bits: number } | null = null;
  while (at + 8 <= buf.length) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ') format = { channels: buf.readUInt16LE(at + 10), bits: buf.readUInt16LE(at + 22) };
    if (id === 'data') {
      if (!format || format.bits !== 16) throw new Error(`${path}: only 16-bit PCM is supported`);
      const n = Math.floor(Math.min(size, buf.length - at - 8) / 2 / format.channels);
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < format.channels; c++) s += buf.readInt16LE(at + 8 + (i * format.channels + c) * 2);
        out[i] = s / format.channels / 32768;
      }
      return out;
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

/** ITU-T G.711 mu-law bytes to float samples in [-1, 1]. */
export function mulawDecode(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const u = ~bytes[i] & 0xff;
    const sign = u & 0x80;
    const exponent = (u >> 4) & 0x07;
    const mantissa = u & 0x0f;
    const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    out[i] = (sign ? -magnitude : magnitude) / 32768;
  }
  return out;
}
