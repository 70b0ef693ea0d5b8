import { findDigitRuns, luhnValid, piiTokenize, type DigitRun, type PiiToken } from './pii-numbers.ts';

// Personal data in an utterance, written ("4472 1234 ...", "john.smith@example.com") or spoken ("four four
// seven two ...", "john dot smith at example dot com"), as character spans; `redact` replaces them with
// placeholders. Redacted text is the only text that leaves the server; raw text is never logged.

export type PiiKind = 'card' | 'ssn' | 'account' | 'email' | 'phone';
export interface PiiSpan { kind: PiiKind; start: number; end: number }

export const PII_PLACEHOLDER: Record<PiiKind, string> = {
  card: '[CARD]', ssn: '[SSN]', account: '[ACCOUNT]', email: '[EMAIL]', phone: '[PHONE]',
};

const EMAIL_RE = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const TLDS = new Set([
  'com', 'net', 'org', 'co', 'uk', 'io', 'edu', 'gov', 'us', 'info', 'biz', 'me', 'de', 'fr', 'ca', 'au', 'ie',
  'nl', 'es', 'it', 'in', 'ai', 'app', 'dev', 'mail', 'email', 'eu', 'nz', 'za',
]);
const DOT_WORDS = new Set(['dot', 'period', 'point']);
const LOCAL_CONNECTORS = new Set(['dot', 'period', 'point', 'underscore', 'dash', 'hyphen', 'minus']);
// Words that end a spoken e-mail's local part when walking back from "at".
const NOT_LOCAL = new Set([
  'is', 'its', "it's", 'me', 'us', 'it', 'email', 'address', 'mail', 'was', 'that', 'them', 'him', 'her', 'you',
  'i', 'my', 'the', 'a', 'on', 'be', 'reach', 'contact', 'write', 'send', 'and', 'or', 'so', 'um', 'uh', 'just',
  'look', 'arrive', 'arrived', 'calling', 'call', 'home', 'work', 'here', 'there', 'least', 'all', 'moment',
]);

const CONTEXT_WINDOW = 6; // tokens before a number that may name what it is
const REFERENCE_WINDOW = 3; // "order number is ..." names the number right before it
const ACCOUNT_CUES = new Set(['account', 'acct', 'iban', 'sort', 'routing', 'membership', 'customer', 'policy']);
export const CARD_CUES = new Set(['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'discover', 'expiry', 'cvv']);
const SSN_CUES = new Set(['social', 'security', 'ssn', 'sin', 'tax', 'taxpayer']);
// Numbers the agent needs to see: an order or case number is not personal data.
const REFERENCE_CUES = new Set(['order', 'reference', 'ref', 'ticket', 'case', 'tracking', 'invoice', 'confirmation', 'booking', 'claim', 'parcel', 'serial', 'model']);
const PHONE_CUES = new Set(['phone', 'mobile', 'cell', 'telephone', 'landline', 'call', 'reach', 'text', 'callback', 'contact', 'dial', 'extension']);

export interface PiiOptions {
  /** Shortest digit run redacted as an account number after an account cue. */
  minAccountDigits: number;
  /**
   * The call is collecting card details (see pii-context.ts): callers read a card number in groups, one
   * utterance each, so a group of this many digits or more is redacted as part of a card number.
   */
  cardContext?: boolean;
  minCardFragmentDigits: number;
}
// 3: a security code (CVV) is three digits, and it is the one card detail that must never be stored.
export const DEFAULT_PII_OPTIONS: PiiOptions = { minAccountDigits: 4, minCardFragmentDigits: 3 };

/** PII spans in `text`, sorted, non-overlapping. */
export function findPii(text: string, opts: Partial<PiiOptions> = {}): PiiSpan[] {
  const o = { ...DEFAULT_PII_OPTIONS, ...opts };
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(EMAIL_RE)) spans.push({ kind: 'email', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  const tokens = piiTokenize(text);
  spans.push(...findSpokenEmails(tokens));
  for (const run of findDigitRuns(tokens)) {
    const kind = classifyRun(run, cuesBefore(tokens, run.startTok), cuesBefore(tokens, run.startTok, REFERENCE_WINDOW), o);
    if (!kind) continue;
    let start = run.start;
    // Keep a leading "+" or "(" inside the span: "+44 20 ..." or "(555) 123 ...".
    while (start > 0 && (text[start - 1] === '+' || text[start - 1] === '(')) start--;
    spans.push({ kind, start, end: run.end });
  }
  return mergeSpans(spans);
}

/** `text` with every PII span replaced by its placeholder. */
export function redact(text: string, spans: PiiSpan[] = findPii(text)): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PII_PLACEHOLDER[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Word by word redaction for word-timed transcripts: PII is found in the joined words (a card number read as
 * "four five three nine ..." is one span over many words) and every word inside a span becomes the span's
 * placeholder, so the word count and word times stay as they were.
 */
export function redactWords(words: string[], opts: Partial<PiiOptions> = {}): string[] {
  const spans = findPii(words.join(' '), opts);
  if (spans.length === 0) return words;
  let at = 0;
  return words.map((w) => {
    const start = at;
    const end = at + w.length;
    at = end + 1;
    const span = spans.find((s) => s.start < end && start < s.end);
    return span ? PII_PLACEHOLDER[span.kind] : w;
  });
}

function cuesBefore(tokens: PiiToken[], startTok: number, window = CONTEXT_WINDOW): Set<string> {
  const cues = new Set<string>();
  for (let k = Math.max(0, startTok - window); k < startTok; k++) cues.add(tokens[k].text);
  return cues;
}

function hasAny(cues: Set<string>, words: Set<string>): boolean {
  for (const w of cues) if (words.has(w)) return true;
  return false;
}

function classifyRun(run: DigitRun, cues: Set<string>, nearCues: Set<string>, o: PiiOptions): PiiKind | null {
  const n = run.digits.length;
  const card = hasAny(cues, CARD_CUES);
  const phone = hasAny(cues, PHONE_CUES);
  if (hasAny(cues, SSN_CUES) && n === 9) return 'ssn';
  if (hasAny(cues, ACCOUNT_CUES) && !card && n >= o.minAccountDigits) return 'account';
  if (n >= 13 && n <= 19) {
    if (run.spoken || luhnValid(run.digits) || card) return 'card';
    return phone && n <= 15 ? 'phone' : null;
  }
  if (card && n >= 12) return 'card';
  if (hasAny(nearCues, REFERENCE_CUES) && !hasAny(nearCues, PHONE_CUES)) return null;
  if (o.cardContext && n >= o.minCardFragmentDigits) return 'card';
  // "123-45-6789" is an SSN by its shape; nine spoken digits without a phone cue are SSN-like.
  if (n === 9) {
    if (run.groups.join('-') === '3-2-4') return 'ssn';
    return phone ? 'phone' : 'ssn';
  }
  if (n >= 10 && n <= 12) return 'phone';
  if (n >= 7 && n <= 8 && (phone || run.groups.join('-') === '3-4')) return 'phone';
  return null;
}

/** "john dot smith at example dot com", "j smith at gmail dot co dot uk". */
function findSpokenEmails(tokens: PiiToken[]): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    if (tokens[i].text !== 'at' && tokens[i].text !== '@') continue;
    // Domain: word (dot word)+ ending in a known top-level domain. A written "." counts as "dot".
    let j = i + 1;
    let end = -1;
    let parts = 0;
    while (j < tokens.length && isWordish(tokens[j].text)) {
      parts++;
      if (parts > 1 && TLDS.has(tokens[j].text)) end = j;
      const next = tokens[j + 1];
      if (next && DOT_WORDS.has(next.text) && tokens[j + 2] && isWordish(tokens[j + 2].text)) j += 2;
      else if (next && next.gap === '.' && isWordish(next.text)) j += 1;
      else break;
    }
    if (end < 0) continue;
    // Local part: walk back over words joined by connectors, or spelled-out letters and digits.
    let k = i - 1;
    if (NOT_LOCAL.has(tokens[k].text) || !isWordish(tokens[k].text)) continue;
    while (k > 0) {
      const prev = tokens[k - 1];
      if (LOCAL_CONNECTORS.has(prev.text) && k >= 2 && isWordish(tokens[k - 2].text) && !NOT_LOCAL.has(tokens[k - 2].text)) k -= 2;
      else if (/^[._-]$/.test(tokens[k].gap) && isWordish(prev.text)) k -= 1;
      else if ((prev.text.length === 1 || /^\d+$/.test(prev.text)) && tokens[k].text.length <= 2 && !NOT_LOCAL.has(prev.text)) k -= 1;
      else break;
    }
    out.push({ kind: 'email', start: tokens[k].start, end: tokens[end].end });
    i = end;
  }
  return out;
}

function isWordish(t: string): boolean { return /^[a-z0-9]+$/.test(t) }

/** Sorted, non-overlapping: on overlap the earlier-starting (then longer) span wins and absorbs the other. */
function mergeSpans(spans: PiiSpan[]): PiiSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) { last.end = Math.max(last.end, s.end); continue; }
    out.push({ ...s });
  }
  return out;
}
