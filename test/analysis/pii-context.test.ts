import { describe, expect, it } from 'vitest';
import { CardContext } from '../../src/analysis/pii-context.ts';
import { findPii, redact, redactWords } from '../../src/analysis/pii.ts';

describe('card context across utterances', () => {
  it('opens on a card cue from either party and closes 30 s later', () => {
    const card = new CardContext();
    card.observe('okay please read me the long number on the card', 17);
    expect(card.active(20)).toBe(true);
    expect(card.active(47)).toBe(true);
    expect(card.active(47.5)).toBe(false);
  });

  it('stays closed without a cue, and a digit group read inside the window keeps it open', () => {
    const card = new CardContext();
    card.observe('four five three nine one four eight eight', 10);
    expect(card.active(10)).toBe(false);
    card.observe('what is your card number', 20);
    card.observe('four five three nine one four eight eight', 45);
    expect(card.active(70)).toBe(true);
  });

  it('redacts the groups of a card read in pieces only when the call is collecting card details', () => {
    const group = 'it is four five three nine one four eight eight';
    expect(redact(group, findPii(group))).toBe(group);
    expect(redact(group, findPii(group, { cardContext: true }))).toBe('it is [CARD]');
    const cvv = 'it is four one two';
    expect(redact(cvv, findPii(cvv, { cardContext: true }))).toBe('it is [CARD]');
    // an amount in tens and a short answer are not card data, even then
    for (const text of ['sixty pounds please', 'yes that is right']) expect(findPii(text, { cardContext: true })).toEqual([]);
  });
});

describe('redactWords', () => {
  it('replaces every word inside a span and keeps the word count', () => {
    const words = 'my card number is four five three nine one four eight eight zero three four three six four six seven thanks'.split(' ');
    const out = redactWords(words);
    expect(out).toHaveLength(words.length);
    expect(out.slice(0, 4)).toEqual(['my', 'card', 'number', 'is']);
    expect(out.slice(4, 20).every((w) => w === '[CARD]')).toBe(true);
    expect(out.at(-1)).toBe('thanks');
  });

  it('returns the words unchanged when there is nothing to redact', () => {
    const words = ['hello', 'there'];
    expect(redactWords(words)).toBe(words);
  });
});
