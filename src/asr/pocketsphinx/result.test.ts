import { describe, expect, it } from 'vitest';
import { wordsFromSegments } from './result.ts';
import { floatToInt16 } from './stream.ts';

describe('pocketsphinx result shaping', () => {
  it('drops fillers and pronunciation variants and turns frames into seconds', () => {
    const { words, probs } = wordsFromSegments([
      { word: '<s>', start: 0, end: 19, prob: 1 },
      { word: 'cancel', start: 20, end: 64, prob: 0.9 },
      { word: '<sil>', start: 65, end: 70, prob: 1 },
      { word: 'to(2)', start: 71, end: 80, prob: 0.5 },
      { word: '[NOISE]', start: 81, end: 90, prob: 1 },
      { word: '</s>', start: 91, end: 99, prob: 1 },
    ], 100);
    expect(words).toEqual([{ w: 'cancel', start: 0.2, end: 0.65 }, { w: 'to', start: 0.71, end: 0.81 }]);
    expect(probs).toEqual([0.9, 0.5]);
  });

  it('converts Float32 audio to 16-bit PCM with clipping', () => {
    expect(Array.from(floatToInt16(Float32Array.from([0, 0.5, -0.5, 1.2, -1.5])))).toEqual([0, 16384, -16384, 32767, -32768]);
  });
});
