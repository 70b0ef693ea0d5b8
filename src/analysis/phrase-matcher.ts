import { PII_TOKEN, editDistance, type Token } from './text-tokens.ts';

// Fuzzy token-pattern matcher for ASR text (lower case, no punctuation, misheard or split words).
//
// Pattern syntax, one slot per space-separated item:
//   `cancel|close`    alternatives;            `my?`        optional slot;
//   `passed_away`     multi-word alternative;  `*2`         skip 0..2 tokens inside the same clause;
//   `=married`        exact only (no fuzz);    `relocat*`   prefix;      `$`  end of clause.
// Tolerance per pattern word: none up to 4 letters, 1 edit for 5-9 letters, 2 edits from 10 letters; a word split
// in two tokens ("super visor") and a dropped leading vowel syllable ("account" heard as "count") cost 1.
// A token that is itself a known different word (any literal of the same matcher, or a listed confusable such as
// "tired" vs "fired") never fuzzes into another word: ASR substitutions are real words, and those are the ones
// that would turn "I got tired" into a job loss.

export interface PhraseRule {
  label: string;
  pattern: string;
  /** Multiplies the match score (0..1); lower it for weaker cues. */
  weight?: number;
  /** Reject when the token right before the match is one of these (exact words). */
  notBefore?: string[];
  /** Reject when the token right after the match is one of these (exact words). */
  notAfter?: string[];
  /** Reject when a negation ("not", "don't", "never") is in the 3 tokens before the match, same clause. */
  negatable?: boolean;
}

export interface PhraseHit {
  label: string;
  /** Token range [startTok, endTok) and character range [start, end) in the original text. */
  startTok: number; endTok: number; start: number; end: number;
  score: number;
}

interface Word { id: number; text: string; exact: boolean; prefix: boolean; vowelStart: boolean }
type Slot =
  | { kind: 'alts'; alts: Word[][]; optional: boolean }
  | { kind: 'gap'; max: number }
  | { kind: 'end' };
/** A partial match: where it ends, its edit cost, and how many pattern words matched exactly. */
interface Match { end: number; cost: number; exact: number }
const NO_MATCH: Match[] = [];
/** The cheaper of two matches; on a tie the shorter one. */
function better(a: Match | null, b: Match | null): Match | null {
  if (!b) return a;
  if (!a || b.cost < a.cost || (b.cost === a.cost && b.end < a.end)) return b;
  return a;
}
interface CompiledRule { rule: PhraseRule; slots: Slot[]; notBefore: Set<string>; notAfter: Set<string> }

/** Real words that sit one or two edits from a pattern word and must keep their own meaning. */
const CONFUSABLE_WORDS = [
  'tired', 'hired', 'fire', 'carried', 'marred', 'bedding', 'wedged', 'morning', 'cancer', 'cancel', 'canceled',
  'passes', 'passing', 'past', 'dyed', 'diet', 'tied', 'lied', 'born', 'borne', 'leaving', 'living', 'laid',
  'paid', 'said', 'sick', 'stick', 'manage', 'managed', 'managing', 'visor', 'advisor', 'adviser',
  'complaining', 'plain', 'explain', 'explained', 'called', 'cold', 'moving', 'movie', 'proving', 'removing',
  'improving', 'approving', 'loving', 'boss', 'loss', 'lost', 'last', 'list', 'count', 'counter', 'accounts',
  'country', 'county', 'amount', 'discount', 'ill', 'all', 'will', 'bill', 'till', 'fill', 'still', 'pill',
  'birth', 'berth', 'worth', 'earth', 'baby', 'babe', 'maybe', 'engaged', 'engage', 'dead', 'dad', 'did', 'state', 'states',
  'pregnant', 'poignant', 'funeral', 'general', 'federal', 'mineral', 'ordinary', 'supervise',
];

const NEGATORS = new Set([
  'not', 'never', "don't", 'dont', 'don', "didn't", 'didnt', 'didn', "doesn't", 'doesnt', 'doesn',
  "won't", 'wont', "wouldn't", 'wouldnt', "isn't", 'isnt', "aren't", "wasn't", 'wasnt', "haven't", 'havent',
  "hasn't", "hadn't", 'cannot', "can't", 'cant', 'nothing', 'without',
]);

function parseWord(s: string, ids: Map<string, number>): Word {
  const exact = s.startsWith('=');
  const body = exact ? s.slice(1) : s;
  const prefix = body.endsWith('*');
  let id = ids.get(s);
  if (id === undefined) { id = ids.size; ids.set(s, id); }
  const text = prefix ? body.slice(0, -1) : body;
  return { id, text, exact: exact || prefix, prefix, vowelStart: /^[aeiou]/.test(text) };
}

function parsePattern(pattern: string, ids: Map<string, number>): Slot[] {
  return pattern.trim().split(/\s+/).map((item): Slot => {
    const gap = /^\*(\d+)$/.exec(item);
    if (gap) return { kind: 'gap', max: Number(gap[1]) };
    if (item === '$') return { kind: 'end' };
    const optional = item.endsWith('?');
    const body = optional ? item.slice(0, -1) : item;
    return { kind: 'alts', optional, alts: body.split('|').map((alt) => alt.split('_').map((w) => parseWord(w, ids))) };
  });
}

function tolerance(word: string): number {
  return word.length >= 10 ? 2 : word.length >= 5 ? 1 : 0;
}

export class PhraseMatcher {
  private readonly rules: CompiledRule[];
  /** Literal words of this matcher's own patterns. */
  private readonly lexicon = new Set<string>();
  /** The lexicon plus real words that must keep their own meaning: never fuzzed into a pattern word. */
  private readonly known: Set<string>;
  private readonly wordIds = new Map<string, number>();
  /** Per match() call: word id x token index -> how that word matches there (most rules share words). */
  private cache: Array<Match[] | undefined> = [];

  /** `exact`: no fuzz at all (for short function-word cues such as "where's", one edit from "there's"). */
  constructor(rules: PhraseRule[], opts: { exact?: boolean; extraKnownWords?: readonly string[] } = {}) {
    const extraKnownWords = opts.extraKnownWords ?? [];
    this.rules = rules.map((rule) => ({
      rule, slots: parsePattern(opts.exact ? rule.pattern.replace(/(^|[\s|_])(?=[^\s|_=*$?])/g, '$1=') : rule.pattern, this.wordIds),
      notBefore: new Set(rule.notBefore ?? []), notAfter: new Set(rule.notAfter ?? []),
    }));
    for (const r of this.rules) {
      for (const s of r.slots) if (s.kind === 'alts') for (const alt of s.alts) for (const w of alt) if (!w.prefix) this.lexicon.add(w.text);
    }
    this.known = new Set([...CONFUSABLE_WORDS, ...extraKnownWords, ...this.lexicon]);
  }

  /** All hits, best-scoring first, at most one per label and start token. */
  match(tokens: Token[]): PhraseHit[] {
    this.cache = new Array(this.wordIds.size * (tokens.length + 1));
    const hits: PhraseHit[] = [];
    for (const cr of this.rules) {
      for (let i = 0; i < tokens.length; i++) {
        const m = this.matchSlots(cr.slots, 0, tokens, i, 0, 0);
        if (!m || m.end === i) continue;
        // A fuzzy word needs two exact ones beside it: "contacting" heard as "containing" alone is not enough.
        if (m.cost > 0 && m.exact < 2) continue;
        if (!this.guardsPass(cr, tokens, i, m.end)) continue;
        const words = m.end - i;
        const score = Math.max(0.3, 1 - (0.5 * m.cost) / Math.max(2, words)) * (cr.rule.weight ?? 1);
        hits.push({ label: cr.rule.label, startTok: i, endTok: m.end, start: tokens[i].start, end: tokens[m.end - 1].end, score });
      }
    }
    hits.sort((a, b) => b.score - a.score || a.start - b.start);
    return hits;
  }

  private guardsPass(cr: CompiledRule, tokens: Token[], start: number, end: number): boolean {
    if (start > 0 && !tokens[start - 1].breakAfter && cr.notBefore.has(tokens[start - 1].norm)) return false;
    if (end < tokens.length && !tokens[end - 1].breakAfter && cr.notAfter.has(tokens[end].norm)) return false;
    if (cr.rule.negatable) {
      for (let k = start - 1; k >= Math.max(0, start - 3); k--) {
        if (tokens[k].breakAfter) break;
        if (NEGATORS.has(tokens[k].norm)) return false;
      }
    }
    return true;
  }

  /** Backtracking over slots; returns the lowest-cost end (exclusive token index) or null. */
  private matchSlots(slots: Slot[], si: number, tokens: Token[], ti: number, cost: number, exact: number): Match | null {
    if (cost > 2) return null;
    if (si === slots.length) return { end: ti, cost, exact };
    const slot = slots[si];
    if (slot.kind === 'end') {
      return ti === tokens.length || tokens[ti - 1]?.breakAfter ? this.matchSlots(slots, si + 1, tokens, ti, cost, exact) : null;
    }
    let best: Match | null = null;
    if (slot.kind === 'gap') {
      for (let skip = 0; skip <= slot.max; skip++) {
        const at = ti + skip;
        // The skipped token must be in the same clause as the token before it, and not a redaction.
        if (skip > 0 && (at > tokens.length || (at >= 2 && tokens[at - 2].breakAfter) || tokens[at - 1].norm === PII_TOKEN)) break;
        best = better(best, this.matchSlots(slots, si + 1, tokens, at, cost, exact));
      }
      return best;
    }
    const atClauseEnd = ti === tokens.length || (ti > 0 && tokens[ti - 1].breakAfter);
    for (const alt of slot.alts) {
      if (alt.length === 1 && alt[0].text === '$') {
        if (atClauseEnd) best = better(best, this.matchSlots(slots, si + 1, tokens, ti, cost, exact));
        continue;
      }
      // Slots after the first stay inside one clause.
      if (si > 0 && atClauseEnd) continue;
      const first = this.matchWord(alt[0], tokens, ti);
      if (first.length === 0) continue;
      for (const m of alt.length === 1 ? first : this.matchWords(alt, 0, tokens, ti, 0, 0)) {
        best = better(best, this.matchSlots(slots, si + 1, tokens, m.end, cost + m.cost, exact + m.exact));
      }
    }
    if (slot.optional) best = better(best, this.matchSlots(slots, si + 1, tokens, ti, cost, exact));
    return best;
  }

  private matchWords(words: Word[], wi: number, tokens: Token[], ti: number, cost: number, exact: number): Match[] {
    if (wi === words.length) return [{ end: ti, cost, exact }];
    // A multi-word alternative must not run across a clause break.
    if (wi > 0 && tokens[ti - 1]?.breakAfter) return NO_MATCH;
    const out: Match[] = [];
    for (const m of this.matchWord(words[wi], tokens, ti)) out.push(...this.matchWords(words, wi + 1, tokens, m.end, cost + m.cost, exact + m.exact));
    return out;
  }

  private matchWord(w: Word, tokens: Token[], ti: number): Match[] {
    const key = w.id * (tokens.length + 1) + ti;
    let hit = this.cache[key];
    if (hit === undefined) { hit = this.matchWordUncached(w, tokens, ti); this.cache[key] = hit; }
    return hit;
  }

  private matchWordUncached(w: Word, tokens: Token[], ti: number): Match[] {
    const tok = tokens[ti];
    if (!tok || tok.norm === PII_TOKEN) return NO_MATCH;
    const out: Match[] = [];
    const t = tok.norm;
    if (t === w.text || (w.prefix && t.startsWith(w.text))) return [{ end: ti + 1, cost: 0, exact: 1 }];
    if (w.exact) return NO_MATCH;
    const tol = tolerance(w.text);
    // Recognizer misspellings keep the first or the last letter; checking that first skips most distance work.
    if (tol > 0 && (t[0] === w.text[0] || t[t.length - 1] === w.text[w.text.length - 1]) && !this.known.has(t)) {
      const d = editDistance(t, w.text, tol);
      if (d <= tol) out.push({ end: ti + 1, cost: d, exact: 0 });
    }
    // Dropped unstressed leading vowel syllable: "account" -> "count", "escalate" -> "scalate".
    // Only for longer words, and never when the token is itself one of this matcher's words ("unemployment").
    if (w.vowelStart && w.text.length >= 7 && t.length >= 5 && !this.lexicon.has(t) && (t === w.text.slice(1) || t === w.text.slice(2))) {
      out.push({ end: ti + 1, cost: 1, exact: 0 });
    }
    // One word split in two tokens by the recognizer: "super visor", "a count".
    const next = tokens[ti + 1];
    if (w.text.length >= 6 && next && next.norm !== PII_TOKEN && !tok.breakAfter && t.length < w.text.length
      && Math.abs(t.length + next.norm.length - w.text.length) <= tol && w.text.startsWith(t.slice(0, 2))) {
      const joined = t + next.norm;
      const d = joined === w.text ? 0 : editDistance(joined, w.text, tol);
      if (d <= tol) out.push({ end: ti + 2, cost: d + 0.5, exact: 0 });
    }
    return out;
  }
}
