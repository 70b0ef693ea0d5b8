import { readFileSync } from 'node:fs';
import { AppError } from '../errors.ts';
import type { Encoding } from '../ingest/types.ts';

/** A WAV file's audio as the bytes a bridge would send (interleaved), with its format. */
export interface WavAudio { encoding: Encoding; sampleRateHz: number; channels: number; data: Uint8Array; durationS: number }

const FORMATS: Record<number, Encoding> = { 1: 'pcm16', 6: 'alaw', 7: 'mulaw' };

/** RIFF/WAVE: PCM16 (format 1), A-law (6), mu-law (7), also inside WAVE_FORMAT_EXTENSIBLE; mono or stereo; 8-48 kHz. */
export function parseWav(buf: Uint8Array, name = 'file'): WavAudio {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 12 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') {
    throw new AppError('BAD_REQUEST', `${name}: not a WAV file (no RIFF/WAVE header)`);
  }
  let off = 12, fmt: number | null = null, channels = 0, rate = 0, bits = 0, data: Uint8Array | null = null;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > b.length) throw new AppError('BAD_REQUEST', `${name}: truncated fmt chunk`);
      fmt = b.readUInt16LE(body);
      channels = b.readUInt16LE(body + 2);
      rate = b.readUInt32LE(body + 4);
      bits = b.readUInt16LE(body + 14);
      if (fmt === 0xfffe && size >= 40) fmt = b.readUInt16LE(body + 24); // extensible: the sub-format GUID's first two bytes
    } else if (id === 'data') {
      const end = Math.min(b.length, body + size); // a stream-written WAV may carry a 0 or too-large size
      data = new Uint8Array(b.buffer, b.byteOffset + body, (size === 0 || size === 0xffffffff ? b.length : end) - body);
      break;
    }
    off = body + size + (size % 2);
  }
  if (fmt === null) throw new AppError('BAD_REQUEST', `${name}: no fmt chunk`);
  if (!data) throw new AppError('BAD_REQUEST', `${name}: no data chunk`);
  const encoding = FORMATS[fmt];
  if (!encoding) throw new AppError('UNSUPPORTED_ENCODING', `${name}: WAV format ${fmt} is not supported (PCM16, mu-law or A-law)`);
  if (encoding === 'pcm16' && bits !== 16) throw new AppError('UNSUPPORTED_ENCODING', `${name}: ${bits}-bit PCM is not supported (16-bit only)`);
  if (channels < 1 || channels > 2) throw new AppError('BAD_REQUEST', `${name}: ${channels} channels (mono or stereo only)`);
  if (rate < 8000 || rate > 48000) throw new AppError('UNSUPPORTED_RATE', `${name}: sample rate ${rate} Hz is outside 8000-48000`);
  const frameBytes = channels * (encoding === 'pcm16' ? 2 : 1);
  const usable = data.byteLength - (data.byteLength % frameBytes);
  return { encoding, sampleRateHz: rate, channels, data: data.subarray(0, usable), durationS: usable / frameBytes / rate };
}

export function readWav(path: string): WavAudio { return parseWav(readFileSync(path), path) }
