import { readFileSync } from 'node:fs';

export interface WavData { encoding: 'pcm16' | 'mulaw' | 'alaw'; sampleRate: number; channels: 1 | 2; data: Uint8Array; durationS: number }

/** Minimal RIFF reader for test clients (format 1 PCM16, 6 A-law, 7 mu-law). */
export function readWavBytes(path: string): WavData {
  const buf = readFileSync(path);
  let off = 12, fmt = 0, channels = 1, rate = 0, bits = 16, data: Uint8Array | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4), size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') { fmt = buf.readUInt16LE(off + 8); channels = buf.readUInt16LE(off + 10); rate = buf.readUInt32LE(off + 12); bits = buf.readUInt16LE(off + 22) }
    if (id === 'data') data = new Uint8Array(buf.buffer, buf.byteOffset + off + 8, Math.min(size, buf.length - off - 8));
    off += 8 + size + (size % 2);
  }
  if (!data) throw new Error(`${path}: no data chunk`);
  const encoding = fmt === 7 ? 'mulaw' : fmt === 6 ? 'alaw' : 'pcm16';
  const bytesPerFrame = channels * (bits / 8);
  return { encoding, sampleRate: rate, channels: channels as 1 | 2, data, durationS: data.byteLength / bytesPerFrame / rate };
}

