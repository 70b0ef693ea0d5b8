import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeText, fnv1a32, hashWords, parseTokenizerConfig } from './tokenizer.ts';

// Written by models/train/analysis/tokenizer_cases.py from the Python featurizer the model was trained with.
const shared = JSON.parse(readFileSync(new URL('../../../models/train/analysis/tokenizer_cases.json', import.meta.url), 'utf8')) as {
  tokenizer: unknown; cases: Array<{ text: string; words: string[]; ids: number[][] }>;
};
const cfg = parseTokenizerConfig(shared.tokenizer);

describe('hashed n-gram tokenizer (parity with the Python featurizer)', () => {
  it('matches FNV-1a 32 reference values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it.each(shared.cases.map((c) => [JSON.stringify(c.text).slice(0, 50), c] as const))('gives the same words and ids for %s', (_name, c) => {
    expect(hashWords(c.text, cfg)).toEqual(c.words);
    const enc = encodeText(c.text, cfg);
    const rows: number[][] = [];
    for (let r = 0; r < enc.tokens; r++) rows.push(Array.from(enc.ids.subarray(r * enc.featsPerToken, (r + 1) * enc.featsPerToken), Number));
    expect(rows).toEqual(c.ids);
  });

  it('treats ASR spellings of a contraction alike and keeps negation words', () => {
    expect(hashWords("I don't know", cfg)).toEqual(hashWords('i dont know', cfg));
    expect(hashWords('I’m NOT happy', cfg)).toEqual(['im', 'not', 'happy']);
  });

  it('rejects a config that is not a hashed-ngrams-v1 tokenizer', () => {
    expect(() => parseTokenizerConfig({ kind: 'bpe' })).toThrow(/hashed-ngrams-v1/);
  });
});
