import { describe, expect, it } from 'vitest';
import { PhraseSpotter, normalise } from '../../src/coach/fuzzy-phrase.ts';

describe('PhraseSpotter (ASR-robust phrase spotting)', () => {
  const disclosure = new PhraseSpotter(['this call may be recorded', 'calls are recorded for quality and training']);
  const ack = new PhraseSpotter(["I'm so sorry", 'sorry for your loss', 'congratulations']);

  it('finds a phrase despite split or merged words, misheard letters and missing apostrophes', () => {
    expect(disclosure.find('hi thanks for calling this call maybe recorded how can i help')?.phrase).toBe('this call may be recorded');
    expect(disclosure.find('CALLS ARE RECORDED FOR QUALITY AND TRAINING PURPOSES.')?.similarity).toBe(1);
    expect(disclosure.find('calls are recorder for quality an training')).not.toBeNull();
    expect(ack.find('oh im so sorry to hear that')?.phrase).toBe("I'm so sorry");
    expect(ack.find('congradulations on the baby')?.phrase).toBe('congratulations');
    expect(ack.find('sorry for your los')?.phrase).toBe('sorry for your loss');
  });

  it('does not match unrelated or partial text, or inside other words', () => {
    expect(disclosure.find('this call may not be long')).toBeNull();
    expect(disclosure.find('can i have the account number')).toBeNull();
    expect(ack.find('im sorry sir can you repeat that')).toBeNull(); // a short phrase must be exact
    expect(new PhraseSpotter(['sorry']).find('sorryful')).toBeNull();
    expect(ack.find('')).toBeNull();
  });

  it('normalises punctuation, case, apostrophes and redaction tokens', () => {
    expect(normalise("I'm SO sorry, [CARD] really!")).toBe('im so sorry really');
  });
});
