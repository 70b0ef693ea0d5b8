import { describe, expect, it } from 'vitest';
import { computeProsody } from '../../src/analysis/prosody.ts';
import { harmonicVoice, SR } from './synth-audio.ts';

describe('prosody', () => {
  it.each([120, 220, 80, 350])('tracks a %d Hz harmonic voice within 3%%', (f0) => {
    const p = computeProsody(harmonicVoice({ f0Hz: f0, durationS: 1, noise: 0.01 }));
    expect(p.pitchMedianHz).not.toBeNull();
    expect(Math.abs(p.pitchMedianHz! - f0) / f0).toBeLessThan(0.03);
    expect(p.voicedFraction).toBeGreaterThan(0.8);
  });

  it('follows intonation: a wobbling pitch has a wider range than a flat one', () => {
    const flat = computeProsody(harmonicVoice({ f0Hz: 150, durationS: 2 }));
    const wobble = computeProsody(harmonicVoice({ f0Hz: 150, durationS: 2, wobbleSt: 3 }));
    expect(flat.pitchRangeSt!).toBeLessThan(0.5);
    expect(wobble.pitchRangeSt!).toBeGreaterThan(3);
  });

  it('reports no pitch for noise or silence', () => {
    let seed = 7;
    const noise = new Float32Array(SR).map(() => { seed = (seed * 1664525 + 1013904223) >>> 0; return (seed / 2 ** 32 - 0.5) * 0.4 });
    expect(computeProsody(noise).voicedFraction).toBeLessThan(0.1);
    const silence = computeProsody(new Float32Array(SR));
    expect(silence.pitchMedianHz).toBeNull();
    expect(silence.rateWps).toBeNull();
  });

  it('measures level in dBFS: doubling the amplitude adds about 6 dB', () => {
    const quiet = computeProsody(harmonicVoice({ f0Hz: 150, durationS: 1, amplitude: 0.1 }));
    const loud = computeProsody(harmonicVoice({ f0Hz: 150, durationS: 1, amplitude: 0.2 }));
    expect(loud.energyDb! - quiet.energyDb!).toBeCloseTo(6.02, 0);
  });

  it('takes the speaking rate from word times when given, else from syllable nuclei', () => {
    const audio = harmonicVoice({ f0Hz: 140, durationS: 3, syllablesPerS: 4 });
    const words = Array.from({ length: 9 }, (_, i) => ({ w: 'w', start: i / 3, end: i / 3 + 0.25 }));
    const fromWords = computeProsody(audio, words);
    expect(fromWords.rateSource).toBe('words');
    expect(fromWords.rateWps!).toBeCloseTo(9 / (8 / 3 + 0.25), 2);
    const slow = computeProsody(harmonicVoice({ f0Hz: 140, durationS: 3, syllablesPerS: 2.5 }));
    const fast = computeProsody(harmonicVoice({ f0Hz: 140, durationS: 3, syllablesPerS: 5 }));
    expect(slow.rateSource).toBe('syllables');
    expect(Math.abs(slow.syllables - 7.5)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(fast.syllables - 15)).toBeLessThanOrEqual(2);
    expect(fast.rateWps!).toBeGreaterThan(slow.rateWps! * 1.6);
  });
});
