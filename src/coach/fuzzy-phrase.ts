// ASR-robust phrase spotting for coaching phrases ("this call may be recorded", "sorry for your loss"): the best
// approximate occurrence of a phrase in an utterance, by character edit distance over normalised text, so that
// misheard letters, split or merged words ("may be" / "maybe") and dropped apostrophes cost a little, not a miss.
// A match must start and end on word boundaries (skipping into a word costs one edit per letter), so "sorry" is
// not found inside "sorryful", and short phrases (under `exactBelowChars`) must match exactly.

export interface FuzzyOptions {
  /** Similarity 1 - edits / phrase length that counts as said (0..1). */
  minSimilarity: number;
  /** Phrases shorter than this (characters, normalised) must appear exactly. */
  exactBelowChars: number;
}
export const DEFAULT_FUZZY_OPTIONS: FuzzyOptions = { minSimilarity: 0.8, exactBelowChars: 8 };

export interface PhraseMatch { phrase: string; similarity: number; start: number; end: number }

/** Lower case, apostrophes dropped, punctuation and redaction tokens to single spaces. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\[[a-z]+\]/g, ' ').replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export class PhraseSpotter {
  private readonly phrases: Array<{ raw: string; norm: string }>;
  private readonly o: FuzzyOptions;

  constructor(phrases: readonly string[], opts: Partial<FuzzyOptions> = {}) {
    this.o = { ...DEFAULT_FUZZY_OPTIONS, ...opts };
    this.phrases = phrases.map((raw) => ({ raw, norm: normalise(raw) })).filter((p) => p.norm.length > 0);
  }

  /** The best-matching phrase in `text` at or above the similarity threshold, or null. */
  find(text: string): PhraseMatch | null {
    const t = normalise(text);
    if (!t) return null;
    let best: PhraseMatch | null = null;
    for (const p of this.phrases) {
      const exact = p.norm.length < this.o.exactBelowChars;
      const maxEdits = exact ? 0 : Math.floor(p.norm.length * (1 - this.o.minSimilarity));
      const m = bestSubstring(p.norm, t, maxEdits);
      if (!m) continue;
      const similarity = 1 - m.edits / p.norm.length;
      if (!best || similarity > best.similarity) best = { phrase: p.raw, similarity, start: m.start, end: m.end };
    }
    return best;
  }
}

const isBoundary = (t: string, i: number) => i <= 0 || i >= t.length || t[i - 1] === ' ' || t[i] === ' ';

/**
 * Approximate substring search (Sellers): fewest edits turning `p` into some substring of `t` that starts and
 * ends on word boundaries; null when more than `maxEdits`. Start/end are offsets in the normalised text.
 */
function bestSubstring(p: string, t: string, maxEdits: number): { edits: number; start: number; end: number } | null {
  const m = p.length, n = t.length;
  if (maxEdits === 0) {
    let i = t.indexOf(p);
    while (i >= 0) {
      if (isBoundary(t, i) && isBoundary(t, i + m)) return { edits: 0, start: i, end: i + m };
      i = t.indexOf(p, i + 1);
    }
    return null;
  }
  // prev/cur[j]: edits to align p[0..i) ending at t position j; origin[j]: where that alignment started in t.
  // Starting inside a word costs the letters skipped back to the word's start.
  let prev = new Int32Array(n + 1), cur = new Int32Array(n + 1);
  let prevOrigin = new Int32Array(n + 1), curOrigin = new Int32Array(n + 1);
  let wordStart = 0;
  for (let j = 0; j <= n; j++) {
    if (j > 0 && t[j - 1] === ' ') wordStart = j;
    prev[j] = j - wordStart;
    prevOrigin[j] = wordStart;
  }
  for (let i = 1; i <= m; i++) {
    cur[0] = i; curOrigin[0] = 0;
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (p[i - 1] === t[j - 1] ? 0 : 1);
      const del = prev[j] + 1;      // a phrase letter missing from the text
      const ins = cur[j - 1] + 1;   // an extra letter in the text
      if (sub <= del && sub <= ins) { cur[j] = sub; curOrigin[j] = prevOrigin[j - 1] }
      else if (del <= ins) { cur[j] = del; curOrigin[j] = prevOrigin[j] }
      else { cur[j] = ins; curOrigin[j] = curOrigin[j - 1] }
    }
    [prev, cur] = [cur, prev];
    [prevOrigin, curOrigin] = [curOrigin, prevOrigin];
  }
  let best: { edits: number; start: number; end: number } | null = null;
  for (let j = 0; j <= n; j++) {
    // Ending inside a word costs the letters left to the word's end.
    let k = j;
    while (k < n && t[k] !== ' ') k++;
    const edits = prev[j] + (k - j);
    if (edits <= maxEdits && (!best || edits < best.edits)) best = { edits, start: prevOrigin[j], end: k };
  }
  return best;
}
