import { describe, expect, it } from 'vitest';
import { SentimentTrend } from '../../src/analysis/trend.ts';

describe('sentiment trend', () => {
  it('starts at the first score and smooths later ones', () => {
    const t = new SentimentTrend();
    expect(t.value('customer')).toBe(0);
    expect(t.add('customer', 0.6, 3)).toBeCloseTo(0.6);
    // One 3 s utterance at -1 moves the trend by alpha (0.3) of the gap: 0.6 - 0.3 * 1.6 = 0.12.
    expect(t.add('customer', -1, 3)).toBeCloseTo(0.12, 5);
  });
  it('drifts negative over several negative turns without flipping on a single one', () => {
    const t = new SentimentTrend();
    t.add('customer', 0.5, 3);
    t.add('customer', -0.8, 3);
    expect(t.value('customer')).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) t.add('customer', -0.8, 3);
    expect(t.value('customer')).toBeLessThan(-0.5);
  });
  it('weights by duration: a short "okay" moves the trend less than a long complaint', () => {
    const short = new SentimentTrend();
    const long = new SentimentTrend();
    for (const t of [short, long]) t.add('customer', 0.5, 3);
    short.add('customer', -1, 0.5);
    long.add('customer', -1, 9);
    expect(long.value('customer')).toBeLessThan(short.value('customer') - 0.3);
  });
  it('keeps speakers apart', () => {
    const t = new SentimentTrend();
    t.add('agent', 0.8, 3);
    t.add('customer', -0.8, 3);
    expect(t.value('agent')).toBeCloseTo(0.8);
    expect(t.value('customer')).toBeCloseTo(-0.8);
  });
});
