import { describe, expect, it } from 'vitest';
import { beamSearch, defaultBeamOptions, type WordLm } from './ctc-beam.ts';
import { emissionsToResult } from './ctc-greedy.ts';
import { ALPHABET, frames } from './ctc-frames.fake.ts';
import { PhraseBooster, phraseWords } from './phrase-boost.ts';

describe('PhraseBooster', () => {
  const b = new PhraseBooster(['this call may be recorded', 'please hold', "I'm so sorry", 'please hold on']);

  it('normalises phrases to the recognizer alphabet and counts distinct phrases', () => {
    expect(phraseWords("I'm so SORRY, really!")).toEqual(["i'm", 'so', 'sorry', 'really']);
    expect(b.size).toBe(4);
  });

  it('credits the words of a match in progress, keeps them when the phrase completes and drops them when it breaks', () => {
    let s = b.start;
    for (const w of ['this', 'call', 'may']) s = b.advance(s, w);
    expect(b.score(s, '')).toBe(3);
    expect(b.score(s, 'b')).toBe(3 + 0.5);          // half of "be" spelled so far
    expect(b.score(s, 'x')).toBe(0);                // leaving the phrase drops its words at once
    const broken = b.advance(s, 'is');
    expect(b.score(broken, '')).toBe(0);
    s = b.advance(b.advance(s, 'be'), 'recorded');
    expect(s.kept).toBe(5);                         // completed: kept for good
    expect(b.score(b.advance(s, 'thanks'), '')).toBe(5);
  });

  it('restarts a match with a word that begins another phrase, and keeps a completed phrase that can go on', () => {
    let s = b.advance(b.advance(b.start, 'this'), 'please');
    expect(b.score(s, '')).toBe(1);
    s = b.advance(s, 'hold');
    expect(s.kept).toBe(2);
    s = b.advance(s, 'on');                         // "please hold on": one more word on top of the two kept
    expect(s.kept).toBe(3);
  });
});

describe('beam search with hot phrases', () => {
  const lm: WordLm = {
    unigram: { '<s>': [0, -0.5], please: [-3, -0.5], hold: [-5, -0.5], cold: [-4, -0.5], told: [-4.2, -0.5] },
    bigram: {},
    unkLogProb: -14,
  };
  // "please ?old": the acoustics and the LM prefer "cold"
  const audio = frames([...'please ', { c: 0.5, h: 0.3, t: 0.2 }, 'o', 'l', 'd']);
  const decode = (opts: Partial<typeof defaultBeamOptions>): string =>
    emissionsToResult(beamSearch(audio, 11, ALPHABET, 0, lm, { ...defaultBeamOptions, ...opts }), 40).text;

  it('a boosted phrase wins where the acoustics are unsure; without hints or with boost 0 nothing changes', () => {
    expect(decode({})).toBe('please cold');
    expect(decode({ hotPhrases: ['please hold'], phraseBoost: 0 })).toBe('please cold');
    expect(decode({ hotPhrases: ['please hold'], phraseBoost: 3.5 })).toBe('please hold');
  });

  it('an unfinished phrase earns nothing at the end of the utterance', () => {
    // only "please" of "please hold the line" is said: the boost must not turn "cold" into "hold"
    expect(decode({ hotPhrases: ['please hold the line'], phraseBoost: 3.5 })).toBe('please cold');
  });

  it('does not boost what the audio clearly does not say', () => {
    const clear = frames([...'please cold']);
    expect(emissionsToResult(beamSearch(clear, 11, ALPHABET, 0, lm, { ...defaultBeamOptions, hotPhrases: ['please hold'], phraseBoost: 3.5 }), 40).text).toBe('please cold');
  });
});
