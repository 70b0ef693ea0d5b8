import { describe, expect, it } from 'vitest';
import { createLexiconClassifier } from './lexicon.ts';

describe('lexicon fallback classifier', () => {
  const clf = createLexiconClassifier();

  it('reads thanks as positive gratitude', async () => {
    const r = await clf.classify('thank you so much, that was really helpful');
    expect(r.sentiment.label).toBe('positive');
    expect(r.emotion.label).toBe('gratitude');
  });

  it('handles negation through VADER ("not happy at all" is negative)', async () => {
    const r = await clf.classify('I am not happy at all');
    expect(r.sentiment.label).toBe('negative');
    expect(r.sentiment.score).toBeLessThan(0);
  });

  it('does not read "thanks for nothing" as gratitude', async () => {
    const r = await clf.classify('thanks for nothing, this is a disgrace');
    expect(r.emotion.label).not.toBe('gratitude');
  });

  it('answers neutral for empty text and fills every emotion probability', async () => {
    const empty = await clf.classify('');
    expect(empty.sentiment).toEqual({ label: 'neutral', score: 0 });
    const r = await clf.classify('I am so worried someone hacked my account');
    expect(r.emotion.label).toBe('anxiety');
    expect(Object.keys(r.emotionProbs ?? {})).toHaveLength(7);
  });
});
