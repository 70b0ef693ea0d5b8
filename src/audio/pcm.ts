// PCM16 little-endian bytes to Float32, and channel de-interleaving. Works on views: no copy of the input.

export function pcm16ToFloat32(bytes: Uint8Array, out = new Float32Array(bytes.byteLength >> 1)): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

export function float32ToPcm16(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768))), true);
  return out;
}

/** [L R L R ...] -> [[L L ...], [R R ...]]. */
export function deinterleave(samples: Float32Array, channels: number): Float32Array[] {
  const n = Math.floor(samples.length / channels);
  const out = Array.from({ length: channels }, () => new Float32Array(n));
  for (let i = 0, k = 0; i < n; i++) for (let c = 0; c < channels; c++) out[c][i] = samples[k++];
  return out;
}
