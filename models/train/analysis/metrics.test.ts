import { describe, expect, it } from 'vitest';
import { formatConfusion, score } from './metrics.ts';

describe('held-out metrics', () => {
  it('computes macro-F1 over the labels present and a gold x predicted confusion matrix', () => {
    const labels = ['a', 'b', 'c'];
    const s = score(labels, ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(s.confusion).toEqual([[1, 1, 0], [0, 2, 0], [0, 0, 0]]);
    // a: p=1 r=0.5 f1=2/3; b: p=2/3 r=1 f1=0.8; c has no support and is left out of the mean
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
    expect(s.accuracy).toBeCloseTo(0.75, 6);
  });

  it('prints one row per gold label', () => {
    const table = formatConfusion(['neg', 'pos'], [[3, 1], [0, 2]]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toMatch(/neg\s+3\s+1/);
  });
});
