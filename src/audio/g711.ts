// ITU-T G.711 mu-law and A-law, decoded through 256-entry tables (one lookup per sample on the hot path).

function muLawToLinear(u: number): number {
  u = ~u & 0xff;
  const sign = u & 0x80, exponent = (u >> 4) & 0x07, mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

function aLawToLinear(a: number): number {
  a ^= 0x55;
  const sign = a & 0x80, exponent = (a >> 4) & 0x07, mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return sign ? magnitude : -magnitude;
}

export const MULAW_TO_INT16 = Int16Array.from({ length: 256 }, (_, i) => muLawToLinear(i));
export const ALAW_TO_INT16 = Int16Array.from({ length: 256 }, (_, i) => aLawToLinear(i));
const MULAW_TO_F32 = Float32Array.from(MULAW_TO_INT16, (v) => v / 32768);
const ALAW_TO_F32 = Float32Array.from(ALAW_TO_INT16, (v) => v / 32768);

export function decodeMulaw(bytes: Uint8Array, out = new Float32Array(bytes.length)): Float32Array {
  for (let i = 0; i < bytes.length; i++) out[i] = MULAW_TO_F32[bytes[i]];
  return out;
}

export function decodeAlaw(bytes: Uint8Array, out = new Float32Array(bytes.length)): Float32Array {
  for (let i = 0; i < bytes.length; i++) out[i] = ALAW_TO_F32[bytes[i]];
  return out;
}

/** Linear 16-bit to mu-law (for tests, fixtures and the telephone-channel simulation). */
export function encodeMulawSample(pcm: number): number {
  const BIAS = 0x84, CLIP = 32635;
  let sign = (pcm >> 8) & 0x80;
  if (sign) pcm = -pcm;
  if (pcm > CLIP) pcm = CLIP;
  pcm += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (pcm >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Linear 16-bit to A-law. */
export function encodeAlawSample(pcm: number): number {
  let sign = 0x80;
  if (pcm < 0) { pcm = -pcm - 1; sign = 0 }
  if (pcm > 32767) pcm = 32767;
  let out: number;
  if (pcm < 256) out = pcm >> 4;
  else {
    let exponent = 7;
    for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 1; mask >>= 1) exponent--;
    out = (exponent << 4) | ((pcm >> (exponent + 3)) & 0x0f);
  }
  return (out | sign) ^ 0x55;
}

export function encodeMulaw(samples: Float32Array): Uint8Array {
  return Uint8Array.from(samples, (s) => encodeMulawSample(Math.max(-32768, Math.min(32767, Math.round(s * 32768)))));
}
export function encodeAlaw(samples: Float32Array): Uint8Array {
  return Uint8Array.from(samples, (s) => encodeAlawSample(Math.max(-32768, Math.min(32767, Math.round(s * 32768)))));
}
