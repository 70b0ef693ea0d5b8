import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../src/analysis/phrase-matcher.ts';
import { editDistance, tokenize } from '../../src/analysis/text-tokens.ts';

describe('phrase matcher', () => {
  const m = new PhraseMatcher([{ label: 'sup', pattern: 'speak to *2 supervisor' }, { label: 'acct', pattern: 'cancel my account' }]);
  const labels = (t: string) => m.match(tokenize(t)).map((h) => h.label);

  it('tolerates small misspellings, split words and a dropped leading syllable', () => {
    expect(labels('speak to a supervsor')).toEqual(['sup']);
    expect(labels('speak to your super visor')).toEqual(['sup']);
    expect(labels('cancel my count')).toEqual(['acct']);
    expect(labels('cancel my a count')).toEqual(['acct']);
  });
  it('does not let a gap or a multi-slot match cross a sentence break', () => {
    expect(labels('speak to. the supervisor')).toEqual([]);
    expect(labels('cancel. my account')).toEqual([]);
  });
  it('scores fuzzy hits lower than exact ones and reports character offsets', () => {
    const [exact] = m.match(tokenize('please cancel my account'));
    const [fuzzy] = m.match(tokenize('please cancel my acount'));
    expect(exact.score).toBeGreaterThan(fuzzy.score);
    expect('please cancel my account'.slice(exact.start, exact.end)).toBe('cancel my account');
  });
  it('computes edit distance with transpositions and an early exit', () => {
    expect(editDistance('manager', 'manger', 2)).toBe(1);
    expect(editDistance('recieve', 'receive', 2)).toBe(1);
    expect(editDistance('supervisor', 'cat', 2)).toBe(3);
  });
});
