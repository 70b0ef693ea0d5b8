// Digit sequences in written or spoken form ("4472 1234", "four four seven two", "double five", "oh",
// "forty four", "eight hundred"), joined into runs with character offsets, so pii.ts can classify them.

export interface PiiToken {
  text: string;   // lower case
  start: number;  // character offsets in the original text: [start, end)
  end: number;
  /** Characters between the previous token and this one. */
  gap: string;
}

export interface DigitRun {
  digits: string;
  startTok: number; endTok: number; // token range [startTok, endTok)
  start: number; end: number;       // character range [start, end)
  /** True when any digit came from a spoken word (Luhn is not required then: one misheard digit breaks it). */
  spoken: boolean;
  /** Lengths of the written digit groups, e.g. [3, 2, 4] for "123-45-6789". */
  groups: number[];
}

const TOKEN_RE = /[a-z]+(?:'[a-z]+)?|\d+|@|\+/gi;

export function piiTokenize(text: string): PiiToken[] {
  const out: PiiToken[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    out.push({ text: m[0].toLowerCase(), start, end: start + m[0].length, gap: text.slice(last, start) });
    last = start + m[0].length;
  }
  return out;
}

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, o: 0, nought: 0, naught: 0, nil: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6,
  seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const REPEATS: Record<string, number> = { double: 2, triple: 3 };
// Words that may sit inside a spoken number without ending it.
const FILLERS = new Set(['um', 'uh', 'er', 'erm', 'ah', 'dash', 'hyphen', 'space']);
// Gap characters allowed between the parts of one number ("4472-1234", "(555) 123 4567", "four, four").
const NUMBER_GAP = /^[\s\-.,/()]*$/;

/** Digits a token stands for at position i, and how many tokens it used; null when it is not a number word. */
function readNumber(tokens: PiiToken[], i: number): { digits: string; used: number; spoken: boolean } | null {
  const t = tokens[i].text;
  if (/^\d+$/.test(t)) return { digits: t, used: 1, spoken: false };
  const next = tokens[i + 1]?.text;
  const nextOk = next !== undefined && NUMBER_GAP.test(tokens[i + 1].gap);
  if (t in REPEATS && nextOk && next in UNITS) return { digits: String(UNITS[next]).repeat(REPEATS[t]), used: 2, spoken: true };
  if (t in UNITS) {
    // "four hundred", "eight hundred and twelve" (phone prefixes are read this way).
    if (nextOk && next === 'hundred') {
      const rest = tokens[i + 2] && NUMBER_GAP.test(tokens[i + 2].gap) ? readTens(tokens, i + 2) : null;
      return rest ? { digits: `${UNITS[t]}${rest.digits}`, used: 2 + rest.used, spoken: true }
        : { digits: `${UNITS[t]}00`, used: 2, spoken: true };
    }
    if (nextOk && next === 'thousand') return { digits: `${UNITS[t]}000`, used: 2, spoken: true };
    return { digits: String(UNITS[t]), used: 1, spoken: true };
  }
  const two = readTens(tokens, i);
  return two ? { ...two, spoken: true } : null;
}

/** "forty four" -> 44, "twenty" -> 20, "thirteen" -> 13, "oh five" -> 05 (after "hundred"). */
function readTens(tokens: PiiToken[], i: number): { digits: string; used: number } | null {
  const t = tokens[i].text;
  if (t in TEENS) return { digits: String(TEENS[t]), used: 1 };
  if (t in TENS) {
    const next = tokens[i + 1];
    if (next && next.text in UNITS && UNITS[next.text] > 0 && NUMBER_GAP.test(next.gap)) {
      return { digits: String(TENS[t] + UNITS[next.text]), used: 2 };
    }
    return { digits: String(TENS[t]), used: 1 };
  }
  return null;
}

/** Maximal runs of number tokens, allowing separators and fillers ("um", "dash") between them. */
export function findDigitRuns(tokens: PiiToken[]): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = readNumber(tokens, i);
    if (!first) { i++; continue; }
    const run: DigitRun = {
      digits: first.digits, startTok: i, endTok: i + first.used, start: tokens[i].start,
      end: tokens[i + first.used - 1].end, spoken: first.spoken, groups: first.spoken ? [] : [first.digits.length],
    };
    let j = i + first.used;
    while (j < tokens.length) {
      let k = j;
      while (k < tokens.length && FILLERS.has(tokens[k].text) && NUMBER_GAP.test(tokens[k].gap)) k++;
      if (k >= tokens.length || !NUMBER_GAP.test(tokens[k].gap)) break;
      const more = readNumber(tokens, k);
      if (!more) break;
      run.digits += more.digits;
      run.spoken ||= more.spoken;
      if (!more.spoken) run.groups.push(more.digits.length);
      run.endTok = k + more.used;
      run.end = tokens[k + more.used - 1].end;
      j = run.endTok;
    }
    runs.push(run);
    i = run.endTok;
  }
  return runs;
}

/** Luhn checksum (card numbers). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}
