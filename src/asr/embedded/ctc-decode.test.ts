import { describe, expect, it } from 'vitest';
import { beamSearch, defaultBeamOptions, lmLogProb, type WordLm } from './ctc-beam.ts';
import { GreedyCtcDecoder, emissionsToResult } from './ctc-greedy.ts';
import { ALPHABET, frames } from './ctc-frames.fake.ts';

describe('CTC greedy decoding', () => {
  it('collapses repeats, keeps letters separated by a blank, and times words by frame (40 ms)', () => {
    const lp = frames(['_', 'h', 'h', 'i', '_', ' ', 't', 'o', '_', 'o', '_']);
    const d = new GreedyCtcDecoder(ALPHABET, 0);
    d.push(lp.subarray(0, 4 * ALPHABET.length), 4); // arrives in two pieces like a stream
    d.push(lp.subarray(4 * ALPHABET.length), 7);
    const r = emissionsToResult(d.emissions, 40);
    expect(r.text).toBe('hi too');
    expect(r.words).toEqual([{ w: 'hi', start: 0.04, end: 0.16 }, { w: 'too', start: 0.24, end: 0.4 }]);
  });
});

describe('CTC prefix beam search', () => {
  const lm: WordLm = {
    unigram: { '<s>': [0, -0.5], bill: [-3, -0.5], my: [-2.5, -0.5], is: [-3, -0.5], bell: [-9, -0.5] },
    bigram: { '<s> my': -0.7, 'my bill': -0.5 },
    unkLogProb: -14,
  };
  // "my b?ll": the acoustics slightly prefer "e" over "i"
  const ambiguous = frames(['m', 'y', ' ', 'b', { e: 0.5, i: 0.45 }, 'l', '_', 'l']);

  it('without an LM follows the acoustics', () => {
    const e = beamSearch(ambiguous, 8, ALPHABET, 0, undefined, defaultBeamOptions);
    expect(emissionsToResult(e, 40).text).toBe('my bell');
  });

  it('with the word LM picks the likelier word', () => {
    const e = beamSearch(ambiguous, 8, ALPHABET, 0, lm, defaultBeamOptions);
    expect(emissionsToResult(e, 40).text).toBe('my bill');
  });

  it('keeps a weakly heard space between two known words instead of gluing them into an unknown word', () => {
    const weakSpace = frames(['m', 'y', { _: 0.6, ' ': 0.4 }, 'b', 'i', 'l', '_', 'l', ' ', 'i', 's']);
    expect(emissionsToResult(beamSearch(weakSpace, 11, ALPHABET, 0, undefined, defaultBeamOptions), 40).text).toBe('mybill is');
    expect(emissionsToResult(beamSearch(weakSpace, 11, ALPHABET, 0, lm, defaultBeamOptions), 40).text).toBe('my bill is');
  });
});

describe('trigram LM', () => {
  // Unigram/bigram alone prefer "bell" after "door"; the trigram "ring the bell" vs "pay the bill" decides.
  const lm: WordLm = {
    unigram: { '<s>': [0, -0.5], pay: [-3, -0.5], ring: [-3, -0.5], the: [-2, -0.5], bill: [-4, -0.5], bell: [-4, -0.5] },
    bigram: { '<s> pay': -1, '<s> ring': -1, 'pay the': -0.3, 'ring the': -0.3, 'the bell': -1.0, 'the bill': -1.2 },
    bigramBackoff: { 'pay the': -0.9 },
    trigram: { 'pay the bill': -0.2 },
    unkLogProb: -14,
  };

  it('uses the trigram when it has one, else backs off through the context weight to the bigram', () => {
    expect(lmLogProb(lm, 'the', 'bill', 0, 'pay')).toBe(-0.2);
    expect(lmLogProb(lm, 'the', 'bell', 0, 'pay')).toBeCloseTo(-0.9 + -1.0);
    expect(lmLogProb(lm, 'the', 'bell', 0, 'ring')).toBe(-1.0);   // no trigram context: bigram as it is
    expect(lmLogProb(lm, 'the', 'bill', 0)).toBe(-1.2);           // no second word of context
  });

  it('lets two words back decide between acoustically close words', () => {
    // "pay the b?ll" with the acoustics slightly preferring "e"
    const pay = frames(['p', 'a', 'y', ' ', 't', 'h', 'e', ' ', 'b', { e: 0.5, i: 0.45 }, 'l', '_', 'l']);
    const bigramOnly: WordLm = { ...lm, trigram: undefined, bigramBackoff: undefined };
    expect(emissionsToResult(beamSearch(pay, 13, ALPHABET, 0, bigramOnly, defaultBeamOptions), 40).text).toBe('pay the bell');
    expect(emissionsToResult(beamSearch(pay, 13, ALPHABET, 0, lm, defaultBeamOptions), 40).text).toBe('pay the bill');
  });
});
