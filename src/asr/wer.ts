// Word error rate: word-level edit distance / reference words, after the same normalisation on both sides
// (lower case, digits spelled out, punctuation dropped, apostrophes inside words kept).

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Spells a non-negative integer below one billion ("1961" -> "one thousand nine hundred sixty one"). */
export function numberToWords(n: number): string {
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? ` ${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred` + (n % 100 ? ` ${numberToWords(n % 100)}` : '');
  for (const [size, name] of [[1e6, 'million'], [1e3, 'thousand']] as const) {
    if (n >= size) return `${numberToWords(Math.floor(n / size))} ${name}` + (n % size ? ` ${numberToWords(n % size)}` : '');
  }
  return String(n);
}

export function normaliseWords(text: string): string[] {
  const spelled = text
    .toLowerCase()
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/\d+/g, (d) => (d.length > 9 ? d.split('').map((c) => ONES[Number(c)]).join(' ') : ` ${numberToWords(Number(d))} `));
  return spelled
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Minimum substitutions + insertions + deletions turning `hyp` into `ref` (word lists). */
export function wordEditDistance(ref: string[], hyp: string[]): number {
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[hyp.length];
}

export interface WerScore { errors: number; refWords: number; wer: number }

export function wer(reference: string, hypothesis: string): WerScore {
  const ref = normaliseWords(reference);
  const errors = wordEditDistance(ref, normaliseWords(hypothesis));
  return { errors, refWords: ref.length, wer: ref.length > 0 ? errors / ref.length : errors > 0 ? 1 : 0 };
}
