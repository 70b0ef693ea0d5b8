// Hashed word + bigram + char n-gram featurizer: the TypeScript twin of models/train/analysis/featurize.py.
// Both must give identical ids (tokenizer.test.ts checks the shared cases in tokenizer_cases.json). Hashing means
// no vocabulary file to keep in sync, and char n-grams keep ASR misspellings ("cancelation", "refnd") close to
// the right word. Parameters come from the model folder's tokenizer.json.

export interface HashTokenizerConfig {
  kind: 'hashed-ngrams-v1';
  /** Hash buckets including the padding id 0 (ids are 1..buckets-1). */
  buckets: number;
  /** Words kept per utterance (the first ones). */
  maxTokens: number;
  /** Features kept per word (word, bigram, then char n-grams). */
  maxFeatsPerToken: number;
  /** Char n-gram sizes over "<word>", in order (code points). */
  ngramSizes: number[];
}

/** Encoded utterance: `ids` is row-major [tokens x maxFeatsPerToken], padded with 0. */
export interface EncodedText { ids: BigInt64Array; tokens: number; featsPerToken: number }

const APOSTROPHES = /['\u2019\u2018\u02bc`]/g;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const DIGIT = /\p{Nd}/gu;
const encoder = new TextEncoder();

/** Parses the JSON written by the training script (snake_case keys) into a checked config. */
export function parseTokenizerConfig(json: unknown): HashTokenizerConfig {
  const j = json as Record<string, unknown>;
  const cfg: HashTokenizerConfig = {
    kind: j.kind as 'hashed-ngrams-v1',
    buckets: Number(j.buckets), maxTokens: Number(j.max_tokens), maxFeatsPerToken: Number(j.max_feats_per_token),
    ngramSizes: Array.isArray(j.ngram_sizes) ? j.ngram_sizes.map(Number) : [],
  };
  const ok = cfg.kind === 'hashed-ngrams-v1' && cfg.buckets > 1 && cfg.maxTokens > 0 && cfg.maxFeatsPerToken >= 2
    && cfg.ngramSizes.length > 0 && cfg.ngramSizes.every((n) => Number.isInteger(n) && n > 0);
  if (!ok) throw new Error('tokenizer.json is not a hashed-ngrams-v1 config');
  return cfg;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `s`. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Normalised words: NFKC, lower case, apostrophes deleted, runs of letters/numbers, digits -> '0'. */
export function hashWords(text: string, cfg: HashTokenizerConfig): string[] {
  const t = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '');
  const out: string[] = [];
  let cur = '';
  for (const ch of t) {
    if (LETTER_OR_NUMBER.test(ch)) cur += ch;
    else if (cur) { out.push(cur); cur = ''; }
  }
  if (cur) out.push(cur);
  const kept = out.slice(0, cfg.maxTokens).map((w) => w.replace(DIGIT, '0'));
  return kept.length > 0 ? kept : ['<empty>'];
}

/** Feature strings per word, as hashed by `encodeText`. */
export function hashFeatures(text: string, cfg: HashTokenizerConfig): string[][] {
  const rows: string[][] = [];
  let prev = '<s>';
  for (const w of hashWords(text, cfg)) {
    const feats = [`w|${w}`, `b|${prev}|${w}`];
    const marked = Array.from(`<${w}>`);
    for (const n of cfg.ngramSizes) {
      for (let i = 0; i + n <= marked.length; i++) feats.push(`c|${marked.slice(i, i + n).join('')}`);
    }
    rows.push(feats.slice(0, cfg.maxFeatsPerToken));
    prev = w;
  }
  return rows;
}

export function encodeText(text: string, cfg: HashTokenizerConfig): EncodedText {
  const rows = hashFeatures(text, cfg);
  const k = cfg.maxFeatsPerToken;
  const ids = new BigInt64Array(rows.length * k);
  rows.forEach((feats, r) => {
    feats.forEach((f, c) => { ids[r * k + c] = BigInt(1 + (fnv1a32(f) % (cfg.buckets - 1))) });
  });
  return { ids, tokens: rows.length, featsPerToken: k };
}
