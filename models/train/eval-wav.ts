// Minimal WAV reader for the ASR evaluation: PCM16 (format 1) and G.711 mu-law (format 7), any channel count.
import { readFileSync } from 'node:fs';
import { decodeMulaw } from '../../src/audio/g711.ts';

export interface Wav { rateHz: number; channels: Float32Array[] }

export function readWav(path: string): Wav {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let format = 0, nch = 0, rateHz = 0, bits = 0;
  for (let off = 12; off + 8 <= buf.length;) {
    const id = buf.toString('ascii', off, off + 4), size = buf.readUInt32LE(off + 4), body = off + 8;
    if (id === 'fmt ') { format = buf.readUInt16LE(body); nch = buf.readUInt16LE(body + 2); rateHz = buf.readUInt32LE(body + 4); bits = buf.readUInt16LE(body + 14) }
    if (id === 'data') {
      const data = buf.subarray(body, Math.min(buf.length, body + size));
      let mono: Float32Array;
      if (format === 1 && bits === 16) {
        mono = new Float32Array(data.length >> 1);
        for (let i = 0; i < mono.length; i++) mono[i] = data.readInt16LE(i * 2) / 32768;
      } else if (format === 7 && bits === 8) {
        mono = decodeMulaw(new Uint8Array(data.buffer, data.byteOffset, data.length));
      } else throw new Error(`${path}: unsupported WAV format ${format}/${bits} bit`);
      const frames = Math.floor(mono.length / nch);
      const channels = Array.from({ length: nch }, (_, c) => {
        const ch = new Float32Array(frames);
        for (let i = 0; i < frames; i++) ch[i] = mono[i * nch + c];
        return ch;
      });
      return { rateHz, channels };
    }
    off = body + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}
