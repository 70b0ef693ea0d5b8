// Synthetic voice-like signals for prosody tests: a harmonic series (a buzz like a vowel) with syllable-like
// amplitude bursts. Deterministic (seeded noise) so tests do not flake.
export const SR = 16000;

export interface VoiceOptions {
  f0Hz: number; durationS: number; amplitude?: number;
  /** Syllables per second: the signal is gated into bursts at this rate; 0 for a steady tone. */
  syllablesPerS?: number;
  /** Pitch wobble (semitones, peak) at 3 Hz, like intonation. */
  wobbleSt?: number;
  noise?: number;
  seed?: number;
}

export function harmonicVoice(o: VoiceOptions): Float32Array {
  const n = Math.round(o.durationS * SR);
  const x = new Float32Array(n);
  const amp = o.amplitude ?? 0.3;
  let phase = 0;
  let seed = o.seed ?? 1;
  const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32 - 0.5 };
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const f = o.f0Hz * Math.pow(2, ((o.wobbleSt ?? 0) * Math.sin(2 * Math.PI * 3 * t)) / 12);
    phase += (2 * Math.PI * f) / SR;
    let v = 0;
    for (let h = 1; h <= 10; h++) v += Math.sin(h * phase) / h;
    let gate = 1;
    if (o.syllablesPerS) {
      // Raised-cosine bursts: 70% of each syllable voiced, 30% near-silent gap.
      const pos = (t * o.syllablesPerS) % 1;
      gate = pos < 0.7 ? Math.sin((Math.PI * pos) / 0.7) : 0.02;
    }
    x[i] = amp * 0.5 * v * gate + (o.noise ?? 0) * rand();
  }
  return x;
}
