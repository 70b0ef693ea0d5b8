import { describe, expect, it } from 'vitest';
import { findPii, redact } from '../../src/analysis/pii.ts';
import { luhnValid } from '../../src/analysis/pii-numbers.ts';

const kinds = (t: string) => findPii(t).map((s) => s.kind);

describe('PII in written form', () => {
  it('redacts a Luhn-valid card number and keeps the words around it', () => {
    expect(luhnValid('4539148803436467')).toBe(true);
    expect(redact('my card number is 4539 1488 0343 6467 thanks')).toBe('my card number is [CARD] thanks');
    expect(redact('4539-1488-0343-6467')).toBe('[CARD]');
  });
  it('does not call a Luhn-failing 16-digit reference a card when nothing says it is one', () => {
    expect(kinds('your reference is 1234567812345678')).toEqual([]);
  });
  it('finds SSN-shaped numbers, account numbers after "account number", e-mails and phone numbers', () => {
    expect(redact('my social is 123-45-6789')).toBe('my social is [SSN]');
    expect(redact('my account number is 12345678')).toBe('my account number is [ACCOUNT]');
    expect(redact('write to john.smith@example.com please')).toBe('write to [EMAIL] please');
    expect(redact('my number is (555) 123-4567')).toBe('my number is [PHONE]');
    expect(redact('call me on +44 20 7946 0958')).toBe('call me on [PHONE]');
    expect(redact('it is 07700 900123')).toBe('it is [PHONE]');
  });
  it('reports character offsets into the original text', () => {
    const text = 'card 4539 1488 0343 6467 ok';
    const [span] = findPii(text);
    expect(text.slice(span.start, span.end)).toBe('4539 1488 0343 6467');
  });
});

describe('PII in spoken (ASR) form', () => {
  it('reads card digits spoken as words, with "double" and "oh"', () => {
    const t = 'yeah it is four four seven two double five one two three four five six seven eight nine oh';
    expect(redact(t)).toBe('yeah it is [CARD]');
  });
  it('accepts spoken card numbers without a Luhn check (one misheard digit must not leak the rest)', () => {
    expect(kinds('four five three nine one four eight eight oh three four three six four six eight')).toEqual(['card']);
  });
  it('reads spoken SSN, account and phone numbers by their context', () => {
    expect(redact('my social security number is one two three four five six seven eight nine'))
      .toBe('my social security number is [SSN]');
    expect(redact('account number is seven seven one two three four')).toBe('account number is [ACCOUNT]');
    expect(redact('my phone number is five five five one two three four')).toBe('my phone number is [PHONE]');
    expect(redact('call me on oh seven seven double oh nine hundred one two three')).toBe('call me on [PHONE]');
  });
  it('reads a spoken e-mail address', () => {
    expect(redact('email me at john dot smith at example dot com thanks')).toBe('email me at [EMAIL] thanks');
    expect(redact('it is j o h n at gmail dot co dot uk')).toBe('it is [EMAIL]');
  });
  it('leaves ordinary numbers and "at" phrases alone', () => {
    for (const t of ['i have two kids and three dogs', "i'll be there at five", 'i paid forty four pounds on the twenty first',
      "i'm at home right now", 'order 12345', 'the last four digits are one two three four',
      'my order number is one two three four five six seven eight nine', 'case reference 5551234567']) {
      expect(findPii(t), t).toEqual([]);
    }
  });
});
