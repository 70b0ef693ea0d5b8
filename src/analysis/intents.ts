import type { Intent } from '../events.ts';
import { PhraseMatcher, type PhraseHit, type PhraseRule } from './phrase-matcher.ts';
import { clauseEnd, quoteAround, tokenize, type Token } from './text-tokens.ts';

// Escalation intents and questions in one utterance, with the words that triggered them. Built for ASR text:
// lower case, no punctuation, misheard or split words (see phrase-matcher.ts for the tolerance rules).

export const ESCALATION_INTENTS = [
  'escalation.supervisor', 'escalation.cancel', 'escalation.complaint', 'escalation.repeat-contact',
] as const;
export const QUESTION_INTENT = 'question';

const BOSS = 'supervisor|manager|superior|boss|supervisors|managers|team_leader|someone_senior|someone_in_charge|person_in_charge|someone_higher_up|higher_up|someone_else|somebody_else|anyone_else|another_agent|another_person|a_different_person|someone_who_knows|someone_competent';
// Things whose cancellation means the customer is leaving (not "cancel my card", a routine request).
const CONTRACT = 'account|subscription|service|services|contract|membership|policy|plan|broadband|package|insurance|direct_debit';
const CALLED = 'called|calling|rang|rung|ringing|phoned|phoning|contacted|contacting';
const WHEN_BEFORE = 'last|yesterday|before|twice|already|again|earlier|times|week|month|day|days|weeks|monday|tuesday|wednesday|thursday|friday|saturday|sunday';

const ESCALATION_RULES: PhraseRule[] = [
  { label: 'escalation.supervisor', pattern: `speak|talk|speaking|talking|chat to|with *2 ${BOSS}`, negatable: true },
  { label: 'escalation.supervisor', pattern: `get|put|transfer|pass|connect|escalate|give me *3 ${BOSS}`, negatable: true },
  { label: 'escalation.supervisor', pattern: `want|need|demand|like|request|see *3 ${BOSS}`, negatable: true, notAfter: ['says', 'said', 'told'] },
  { label: 'escalation.supervisor', pattern: `who|where is|s *2 your ${BOSS}` },
  { label: 'escalation.supervisor', pattern: 'escalate|escalated|escalating this|it|my|the|me', negatable: true },
  { label: 'escalation.supervisor', pattern: `your ${BOSS} now|please|immediately|right` },

  { label: 'escalation.cancel', pattern: `cancel|cancelling|canceling|close|closing|terminate|terminating|end|ending|stop|delete|deleting|remove|disable|deactivate|deactivating|shut_down|shutting_down|close_down|close_out my|the|this|our|all|an|a? *2 ${CONTRACT}`, negatable: true },
  { label: 'escalation.cancel', pattern: `${CONTRACT} be|being|to_be? terminated|closed|cancelled|canceled|deleted|shut_down`, negatable: true },
  { label: 'escalation.cancel', pattern: `no_longer|dont|don't want|need this|the|my|your|to_be *1 ${CONTRACT}|customer` },
  { label: 'escalation.cancel', pattern: 'want|going|like|need|have|ready|wanna|gonna to? cancel everything|now|today|altogether|completely|$', negatable: true },
  { label: 'escalation.cancel', pattern: "i'm|im|am|we're|were cancelling|canceling|switching", negatable: true },
  { label: 'escalation.cancel', pattern: 'leave|leaving|done_with|finished_with you|your_company|your_service|this_company', negatable: true },
  { label: 'escalation.cancel', pattern: 'switch|switching|move|moving|go|going|leave|leaving to|for another|a_different|a_new|your_competitor|the_competition provider|company|bank|network|supplier|carrier|competitor', negatable: true },
  { label: 'escalation.cancel', pattern: "i'm|im|we're|i_am|we_are leaving|gone $", negatable: true },
  { label: 'escalation.cancel', pattern: 'take|taking my business|custom elsewhere|somewhere', negatable: true },

  { label: 'escalation.complaint', pattern: 'make|file|lodge|raise|log|put|submit|register|open a|an? formal|official? complaint|complain', negatable: true },
  { label: 'escalation.complaint', pattern: 'want|going|like|need|have to complain', negatable: true },
  { label: 'escalation.complaint', pattern: 'complaining|complain about', negatable: true },
  { label: 'escalation.complaint', pattern: 'complaint|complaints', weight: 0.6 },
  { label: 'escalation.complaint', pattern: 'report|reporting you|this|them to the? ombudsman|regulator|fcc|ofcom|ofgem|bbb|better_business_bureau|trading_standards|authorities' },
  { label: 'escalation.complaint', pattern: 'ombudsman|regulator|fcc|ofcom|ofgem|better_business_bureau|trading_standards', weight: 0.8 },
  { label: 'escalation.complaint', pattern: 'my|a lawyer|attorney|solicitor|lawyers|solicitors' },
  { label: 'escalation.complaint', pattern: 'legal_action|take_you_to_court' },
  { label: 'escalation.complaint', pattern: '=sue|=suing you|them|your|the|this_company' },
  { label: 'escalation.complaint', pattern: "this_is|its|it's|it_is|that's|thats|that_is absolutely|completely|totally|just? unacceptable|ridiculous|outrageous|disgraceful|appalling|a_joke|a_disgrace" },
  { label: 'escalation.complaint', pattern: 'bad|negative|terrible|one_star review|reviews', weight: 0.8 },

  { label: 'escalation.repeat-contact', pattern: `second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|nth|umpteenth|hundredth time *3 ${CALLED}|call|spoken|today|this` },
  { label: 'escalation.repeat-contact', pattern: 'third|fourth|fifth|umpteenth|3rd|4th|5th time' },
  { label: 'escalation.repeat-contact', pattern: 'my second|third|fourth|fifth|2nd|3rd|4th|5th call|attempt' },
  { label: 'escalation.repeat-contact', pattern: `i|i've|ive|we|we've already|have? ${CALLED}|spoke|spoken|talked|explained *3 ${WHEN_BEFORE}` },
  { label: 'escalation.repeat-contact', pattern: `${CALLED}|spoke|spoken|talked you|you_guys|here|in|up|this_number? *1 last|yesterday|twice|already|before|earlier|several|many|multiple|three|four|five|so_many|a_few|again|every` },
  { label: 'escalation.repeat-contact', pattern: `already ${CALLED}|spoke|spoken|talked|explained|been_through` },
  { label: 'escalation.repeat-contact', pattern: `keep|kept having_to? ${CALLED}|call|calling|ringing|chasing|explaining` },
  { label: 'escalation.repeat-contact', pattern: 'every time i call|ring|phone' },
  { label: 'escalation.repeat-contact', pattern: 'nobody|no_one|noone never? called|rang|got me? back', weight: 0.9 },
  { label: 'escalation.repeat-contact', pattern: "still not|hasn't|hasnt|isn't|isnt|wasn't been? fixed|resolved|sorted|done", weight: 0.8 },
  { label: 'escalation.repeat-contact', pattern: 'promised|told|said me|i|to? *2 last_time|previously|last_week|yesterday', weight: 0.8 },
  { label: 'escalation.repeat-contact', pattern: "times i|i've|ive have|called|rang|phoned" },
];

// Phrases that ask for information wherever they appear in an utterance.
const QUESTION_ANYWHERE: PhraseRule[] = [
  { label: 'q', pattern: 'how do|can|could|would|should|will i|we|you' },
  { label: 'q', pattern: 'how to|much|many|long|often|soon|come' },
  { label: 'q', pattern: 'can|could|would|will you tell|explain|show|let|help me|us' },
  { label: 'q', pattern: 'is|are there a|any way|ways|option|options|chance|fee|charge|limit|problem|outage' },
  { label: 'q', pattern: 'is|would it be? possible' },
  { label: 'q', pattern: 'do|does you|anyone|anybody know' },
  { label: 'q', pattern: 'can|could|would|will|may you|i|we', notBefore: ['as', 'if', 'what', 'that', 'when', 'than', 'so', 'which', 'where', 'how'] },
  { label: 'q', pattern: 'do|does i|you|we|they|anyone|all', notBefore: ['as', 'if', 'what', 'that', 'so', 'which', 'than', 'how', 'why', 'where', 'when', 'to', 'i', 'you', 'we', 'they'] },
  { label: 'q', pattern: 'is|are there', notBefore: ['what', 'that', 'if', 'whether'] },
  { label: 'q', pattern: 'why|how_come|how|what|when|where $', notBefore: ['know', 'see', 'understand', 'wonder', 'matter', 'is', 'somehow', 'anyhow'] },
  { label: 'q', pattern: "i|i'd|id want|wanted|like|need|needed to know|ask|check|find_out|understand|confirm" },
  { label: 'q', pattern: 'wondering|wonder if|whether|how|why|what|when|where|about' },
  { label: 'q', pattern: "what|where|when|why|how is|are|was|were|does|do|did|can|will|would|should|has|have|am" },
  { label: 'q', pattern: "what's|whats|where's|wheres|when's|how's|hows the|my|your|this|that|it|going_on|happening|wrong" },
];
// Auxiliary-first questions ("can i pay online") only count at the start of a clause.
const QUESTION_CLAUSE_START: PhraseRule[] = [
  { label: 'q', pattern: 'can|could|would|will|do|does|did|is|are|was|were|should|have|has|may|am i|you|we|it|there|my|the|this|that|they|he|she|your|our|anyone' },
  { label: 'q', pattern: "what's|whats|where's|wheres|when's|who's|how's|why's|what|where|when|why|which|who|how", notAfter: ['i', 'we', 'he', 'she', 'they', "i'm", "we're", 'you'] },
];
// Small talk is not a knowledge question.
const SMALL_TALK = new PhraseMatcher([
  { label: 's', pattern: "how are|r you|ya|things|we" },
  { label: 's', pattern: "how's|hows it|things|your going|day|everything" },
  { label: 's', pattern: 'how is|was your day|weekend|morning' },
  { label: 's', pattern: 'can|could you hear me|us' },
  { label: 's', pattern: 'are you there|still' },
  { label: 's', pattern: 'is that right|ok|okay|correct|it' },
  { label: 's', pattern: 'you know what i mean' },
], { exact: true });
// Words after which a clause may start in unpunctuated ASR text.
const CLAUSE_OPENERS = new Set([
  'okay', 'ok', 'so', 'and', 'but', 'um', 'uh', 'er', 'erm', 'hmm', 'well', 'also', 'then', 'alright', 'right',
  'yeah', 'yes', 'no', 'hi', 'hello', 'sorry', 'actually', 'basically', 'now', 'anyway', 'please', 'oh', 'just',
  'because', 'cause', 'thanks', 'like', 'see',
]);

const escalationMatcher = new PhraseMatcher(ESCALATION_RULES);
const questionAnywhere = new PhraseMatcher(QUESTION_ANYWHERE, { exact: true });
const questionClauseStart = new PhraseMatcher(QUESTION_CLAUSE_START, { exact: true });

export interface IntentOptions {
  /** Hits scoring below this are dropped (0..1). */
  minScore: number;
  /** Questions reported per utterance, at most. */
  maxQuestions: number;
}
export const DEFAULT_INTENT_OPTIONS: IntentOptions = { minScore: 0.5, maxQuestions: 2 };

/** Escalation intents (best hit per intent) and questions (one per clause) in `text`. */
export function detectIntents(text: string, opts: Partial<IntentOptions> = {}): Intent[] {
  const o = { ...DEFAULT_INTENT_OPTIONS, ...opts };
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const out: Intent[] = [];
  const seen = new Set<string>();
  for (const hit of escalationMatcher.match(tokens)) {
    if (hit.score < o.minScore || seen.has(hit.label)) continue;
    seen.add(hit.label);
    out.push({ name: hit.label, quote: quoteAround(text, tokens, hit.startTok, hit.endTok), score: round2(hit.score) });
  }
  for (const q of detectQuestions(text, tokens).slice(0, o.maxQuestions)) out.push(q);
  return out;
}

function isClauseStart(tokens: Token[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && !tokens[k].breakAfter && CLAUSE_OPENERS.has(tokens[k].norm)) k--;
  return k < 0 || tokens[k].breakAfter;
}

function detectQuestions(text: string, tokens: Token[]): Intent[] {
  const starts = new Map<number, number>(); // clause-end token -> earliest question start token in that clause
  const add = (hit: PhraseHit) => {
    const end = clauseEnd(tokens, hit.startTok);
    const prev = starts.get(end);
    if (prev === undefined || hit.startTok < prev) starts.set(end, hit.startTok);
  };
  for (const hit of questionAnywhere.match(tokens)) add(hit);
  for (const hit of questionClauseStart.match(tokens)) if (isClauseStart(tokens, hit.startTok)) add(hit);
  // A clause that ends with "?" is a question whatever its words.
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].questionAfter) continue;
    let s = i;
    while (s > 0 && !tokens[s - 1].breakAfter) s--;
    while (s < i && CLAUSE_OPENERS.has(tokens[s].norm)) s++;
    const prev = starts.get(i + 1);
    if (prev === undefined || s < prev) starts.set(i + 1, s);
  }
  const smallTalk = SMALL_TALK.match(tokens);
  const out: Intent[] = [];
  for (const [end, start] of [...starts.entries()].sort((a, b) => a[1] - b[1])) {
    // Small talk that covers most of the clause is not a question for the knowledge base.
    if (smallTalk.some((s) => s.startTok >= start && s.startTok < end && (end - start) - (s.endTok - s.startTok) <= 2)) continue;
    const last = Math.min(end, start + 30);
    const punctuated = tokens[end - 1].questionAfter;
    out.push({ name: QUESTION_INTENT, quote: text.slice(tokens[start].start, tokens[last - 1].end), score: punctuated ? 0.9 : 0.7 });
  }
  return out;
}

function round2(x: number): number { return Math.round(x * 100) / 100 }
