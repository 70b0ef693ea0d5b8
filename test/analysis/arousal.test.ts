import { describe, expect, it } from 'vitest';
import { ArousalTracker, fuseEmotion } from '../../src/analysis/arousal.ts';
import { computeProsody } from '../../src/analysis/prosody.ts';
import { harmonicVoice } from './synth-audio.ts';

const calm = (seed: number) => computeProsody(harmonicVoice({ f0Hz: 120 + seed, durationS: 2, amplitude: 0.08, syllablesPerS: 3.5, wobbleSt: 1, seed }));

describe('arousal against the speaker baseline', () => {
  it('is higher for a louder, higher-pitched utterance than for the speaker\'s usual voice', () => {
    const tracker = new ArousalTracker();
    const usual: number[] = [];
    for (let i = 0; i < 5; i++) usual.push(tracker.observe('customer', calm(i))!);
    const raised = tracker.observe('customer', computeProsody(harmonicVoice({
      f0Hz: 175, durationS: 2, amplitude: 0.3, syllablesPerS: 5, wobbleSt: 3, seed: 9,
    })))!;
    expect(raised).toBeGreaterThan(0.75);
    expect(raised).toBeGreaterThan(Math.max(...usual) + 0.3);
    // After a few utterances the speaker's usual voice sits in the lower middle of the scale.
    expect(usual[4]).toBeGreaterThan(0.15);
    expect(usual[4]).toBeLessThan(0.5);
  });

  it('compares each channel with its own baseline: a naturally loud agent is not aroused', () => {
    const tracker = new ArousalTracker();
    for (let i = 0; i < 4; i++) {
      tracker.observe('agent', computeProsody(harmonicVoice({ f0Hz: 200 + i, durationS: 2, amplitude: 0.4, syllablesPerS: 3.5, seed: i })));
      tracker.observe('customer', calm(i));
    }
    const agent = tracker.observe('agent', computeProsody(harmonicVoice({ f0Hz: 202, durationS: 2, amplitude: 0.4, syllablesPerS: 3.5, seed: 5 })))!;
    expect(agent).toBeLessThan(0.5);
  });

  it('returns null when nothing was measurable (silence)', () => {
    expect(new ArousalTracker().observe('customer', computeProsody(new Float32Array(16000)))).toBeNull();
  });
});

describe('emotion fusion', () => {
  it('makes anger more certain with high arousal and less certain with low arousal, keeping the label', () => {
    const text = { label: 'anger' as const, score: 0.6 };
    const hot = fuseEmotion(text, undefined, 0.9);
    const cold = fuseEmotion(text, undefined, 0.1);
    expect(hot.label).toBe('anger');
    expect(cold.label).toBe('anger');
    expect(hot.score).toBeGreaterThan(0.75);
    expect(cold.score).toBeLessThan(0.6);
  });
  it('never invents an emotion the text did not suggest', () => {
    const fused = fuseEmotion({ label: 'neutral', score: 0.9 }, { neutral: 0.9, anger: 0.03, frustration: 0.05 }, 1);
    expect(fused.label).toBe('neutral');
  });
  it('lets a raised voice settle a close call the text itself found likely', () => {
    const probs = { neutral: 0.5, frustration: 0.4, gratitude: 0.1 };
    expect(fuseEmotion({ label: 'neutral', score: 0.5 }, probs, 0.9).label).toBe('frustration');
    expect(fuseEmotion({ label: 'neutral', score: 0.5 }, probs, 0.3).label).toBe('neutral');
  });
});
