import { describe, expect, it } from 'vitest';
import { normaliseWords, numberToWords, wer, wordEditDistance } from './wer.ts';

describe('word error rate', () => {
  it('ignores case and punctuation but keeps apostrophes inside words', () => {
    expect(normaliseWords("Hello, WORLD! I can't pay.")).toEqual(['hello', 'world', 'i', "can't", 'pay']);
    expect(wer('I would like a refund.', 'i would like a refund').wer).toBe(0);
  });

  it('spells digits so "4 pounds" matches "four pounds"', () => {
    expect(numberToWords(1961)).toBe('one thousand nine hundred sixty one');
    expect(numberToWords(40)).toBe('forty');
    expect(wer('I paid 4 pounds on the 21st', 'i paid four pounds on the twenty one st').wer).toBe(0);
  });

  it('counts substitutions, insertions and deletions against the reference length', () => {
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toBe(2);
    const s = wer('cancel my account please', 'cancel account please now');
    expect(s).toEqual({ errors: 2, refWords: 4, wer: 0.5 });
  });

  it('scores an empty hypothesis as all deletions', () => {
    expect(wer('the bill is wrong', '').wer).toBe(1);
  });
});
