// Tokenizer for ASR and typed text: lower-case word tokens with character offsets into the original string, so
// detectors can quote the original words. Redaction placeholders such as `[CARD]` become opaque tokens that no
// phrase matches (a redacted "[CARD]" must not read as the word "card").

export interface Token {
  /** Lower-cased word, apostrophes normalised to `'`; `\u0000pii` for a redaction placeholder. */
  norm: string;
  /** Character offsets of the token in the original text: [start, end). */
  start: number;
  end: number;
  /** True when a sentence/clause punctuation mark (. ? ! ; :) follows the token before the next token. */
  breakAfter: boolean;
  /** True when a question mark follows the token before the next token. */
  questionAfter: boolean;
}

export const PII_TOKEN = '\u0000pii';

// A word: letters/digits with inner apostrophes ("i'm", "o'clock"); or a redaction placeholder.
const TOKEN_RE = /\[[A-Z]+\]|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const norm = raw.startsWith('[') ? PII_TOKEN : raw.toLowerCase().replace(/’/g, "'");
    if (tokens.length > 0) markGap(tokens[tokens.length - 1], text, tokens[tokens.length - 1].end, start);
    tokens.push({ norm, start, end: start + raw.length, breakAfter: false, questionAfter: false });
  }
  if (tokens.length > 0) markGap(tokens[tokens.length - 1], text, tokens[tokens.length - 1].end, text.length);
  return tokens;
}

function markGap(tok: Token, text: string, from: number, to: number): void {
  const gap = text.slice(from, to);
  if (/[.?!;:]/.test(gap)) tok.breakAfter = true;
  if (gap.includes('?')) tok.questionAfter = true;
}

// Reused rows for editDistance (words longer than this fall back to fresh arrays).
const ROW_CAP = 64;
const ROWS = [new Int32Array(ROW_CAP + 1), new Int32Array(ROW_CAP + 1), new Int32Array(ROW_CAP + 1)];

/** Optimal-string-alignment (Damerau) distance with an early exit once every path exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const fresh = n > ROW_CAP;
  let prev2 = fresh ? new Int32Array(n + 1) : ROWS[0];
  let prev = fresh ? new Int32Array(n + 1) : ROWS[1];
  let cur = fresh ? new Int32Array(n + 1) : ROWS[2];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[n];
}

/**
 * The quote shown as evidence for a hit on tokens [startTok, endTok): the hit widened by up to `pad` tokens on
 * each side without crossing a sentence break, cut from the original text.
 */
export function quoteAround(text: string, tokens: Token[], startTok: number, endTok: number, pad = 4): string {
  let s = startTok;
  while (s > 0 && startTok - s < pad && !tokens[s - 1].breakAfter) s--;
  let e = endTok;
  while (e < tokens.length && e - endTok < pad && !tokens[e - 1].breakAfter) e++;
  return text.slice(tokens[s].start, tokens[e - 1].end);
}

/** Index one past the last token of the clause that contains token `i` (clauses end at . ? ! ; :). */
export function clauseEnd(tokens: Token[], i: number): number {
  let e = i;
  while (e < tokens.length && !tokens[e].breakAfter) e++;
  return Math.min(tokens.length, e + 1);
}
