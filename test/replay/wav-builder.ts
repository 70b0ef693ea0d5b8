// Builds WAV files byte by byte for the reader's tests: every field can be set wrong on purpose.
import { encodeAlaw, encodeMulaw } from '../../src/audio/g711.ts';
import { float32ToPcm16 } from '../../src/audio/pcm.ts';

export interface WavSpec {
  /** WAVE format tag: 1 PCM, 3 float, 6 A-law, 7 mu-law, 0xfffe extensible. */
  format: number;
  channels: number;
  rateHz: number;
  bitsPerSample: number;
  data: Uint8Array;
  /** Sub-format of an extensible header (first two bytes of the GUID). */
  subFormat?: number;
  /** Chunks written between fmt and data (e.g. LIST, fact). */
  extraChunks?: Array<{ id: string; body: Uint8Array }>;
  /** Size written in the data chunk header (a streaming writer leaves 0 or 0xffffffff). */
  dataSizeField?: number;
}

function chunk(id: string, body: Uint8Array, sizeField = body.byteLength): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'ascii');
  head.writeUInt32LE(sizeField >>> 0, 4);
  const pad = body.byteLength % 2 ? Buffer.alloc(1) : Buffer.alloc(0); // RIFF chunks are word aligned
  return Buffer.concat([head, Buffer.from(body), pad]);
}

export function buildWav(s: WavSpec): Buffer {
  const extensible = s.format === 0xfffe;
  const fmt = Buffer.alloc(extensible ? 40 : 16);
  const blockAlign = (s.channels * s.bitsPerSample) / 8;
  fmt.writeUInt16LE(s.format, 0);
  fmt.writeUInt16LE(s.channels, 2);
  fmt.writeUInt32LE(s.rateHz, 4);
  fmt.writeUInt32LE(s.rateHz * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(s.bitsPerSample, 14);
  if (extensible) {
    fmt.writeUInt16LE(22, 16); // cbSize
    fmt.writeUInt16LE(s.bitsPerSample, 18);
    fmt.writeUInt32LE(s.channels === 2 ? 3 : 4, 20); // speaker mask
    fmt.writeUInt16LE(s.subFormat ?? 1, 24);
    Buffer.from('000000001000800000aa00389b71', 'hex').copy(fmt, 26); // rest of the KSDATAFORMAT GUID
  }
  const body = Buffer.concat([
    Buffer.from('WAVE', 'ascii'),
    chunk('fmt ', fmt),
    ...(s.extraChunks ?? []).map((c) => chunk(c.id, c.body)),
    chunk('data', s.data, s.dataSizeField ?? s.data.byteLength),
  ]);
  return Buffer.concat([chunk('RIFF', body).subarray(0, 8), body]);
}

/** A sine tone (Float32, amplitude 0.5). */
export function tone(freqHz: number, rateHz: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rateHz * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * freqHz * i) / rateHz));
}

export function interleave(left: Float32Array, right: Float32Array): Float32Array {
  const out = new Float32Array(left.length * 2);
  for (let i = 0; i < left.length; i++) { out[2 * i] = left[i]; out[2 * i + 1] = right[i] }
  return out;
}

/** A whole WAV of the given encoding from Float32 samples (interleaved when stereo). */
export function wavOf(encoding: 'pcm16' | 'mulaw' | 'alaw', samples: Float32Array, rateHz: number, channels = 1): Buffer {
  if (encoding === 'pcm16') return buildWav({ format: 1, channels, rateHz, bitsPerSample: 16, data: float32ToPcm16(samples) });
  const data = encoding === 'mulaw' ? encodeMulaw(samples) : encodeAlaw(samples);
  return buildWav({ format: encoding === 'mulaw' ? 7 : 6, channels, rateHz, bitsPerSample: 8, data,
    extraChunks: [{ id: 'fact', body: Buffer.from(new Uint32Array([samples.length / channels]).buffer) }] });
}
