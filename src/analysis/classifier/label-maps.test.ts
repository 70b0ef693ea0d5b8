import { describe, expect, it } from 'vitest';
import { detectModelKind, mapEmotion, mapSentiment, sentimentFromEmotion } from './label-maps.ts';

describe('label maps for downloaded text-classification models', () => {
  it('recognises SST-2, 3-class, star and emotion label sets, and rejects unknown ones', () => {
    expect(detectModelKind(['NEGATIVE', 'POSITIVE'])).toBe('sentiment');
    expect(detectModelKind(['LABEL_0', 'LABEL_1', 'LABEL_2'])).toBe('sentiment');
    expect(detectModelKind(['1 star', '2 stars', '3 stars', '4 stars', '5 stars'])).toBe('sentiment');
    expect(detectModelKind(['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise'])).toBe('emotion');
    expect(detectModelKind(['toxic', 'severe_toxic'])).toBeNull();
  });

  it('maps SST-2 scores to a signed score, with a near-even split read as neutral', () => {
    expect(mapSentiment([{ label: 'POSITIVE', score: 0.95 }, { label: 'NEGATIVE', score: 0.05 }])).toEqual({ label: 'positive', score: expect.closeTo(0.9, 6) });
    expect(mapSentiment([{ label: 'NEGATIVE', score: 0.6 }, { label: 'POSITIVE', score: 0.4 }]).label).toBe('neutral');
    expect(mapSentiment([{ label: 'LABEL_0', score: 0.7 }, { label: 'LABEL_1', score: 0.2 }, { label: 'LABEL_2', score: 0.1 }]).label).toBe('negative');
  });

  it('folds j-hartmann emotions onto ours (disgust -> anger, fear -> anxiety, joy -> gratitude)', () => {
    const r = mapEmotion([
      { label: 'fear', score: 0.5 }, { label: 'disgust', score: 0.2 }, { label: 'anger', score: 0.1 },
      { label: 'surprise', score: 0.2 },
    ]);
    expect(r.label).toBe('anxiety');
    expect(r.score).toBeCloseTo(0.625, 6); // surprise has no counterpart and is renormalised away
    expect(r.probs.anger).toBeCloseTo(0.375, 6);
    expect(mapEmotion([{ label: 'joy', score: 0.9 }, { label: 'neutral', score: 0.1 }]).label).toBe('gratitude');
  });

  it('derives sentiment from emotion probabilities when no sentiment model is present', () => {
    expect(sentimentFromEmotion({ anger: 0.7, neutral: 0.3 })).toEqual({ label: 'negative', score: -0.7 });
    expect(sentimentFromEmotion({ gratitude: 0.8, neutral: 0.2 }).label).toBe('positive');
  });
});
