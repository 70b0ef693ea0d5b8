import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.ts';

// The rule pack: a declarative YAML (or JSON) file of rules, validated with this schema at load. Every rule names
// a detector `type` and carries its thresholds, cooldown, severity, title and body; unknown keys are refused so a
// misspelt threshold is an error, not a silent default. The format is documented in rules/README.md.

const CHANNEL = z.enum(['agent', 'customer']);
const templateText = (max: number) => z.string().trim().min(1).max(max);

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id is lower-case letters, digits and dashes'),
  enabled: z.boolean().default(true),
  severity: z.enum(['info', 'warn', 'urgent']),
  title: templateText(120),
  body: templateText(400),
  /** Minimum call time between two prompts of this rule in one call (s). */
  cooldownS: z.number().min(0).max(3600).default(30),
  /** At most this many prompts of this rule per call. */
  maxPerCall: z.number().int().positive().optional(),
  /** After the agent dismisses one of its prompts, the rule stays quiet in that call for this long (s). */
  dismissMuteS: z.number().min(0).max(36000).default(0),
};
const phraseList = z.array(z.string().trim().min(2).max(200)).min(1);
const similarity = z.number().min(0.5).max(1).default(0.8);

const rule = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ ...common, type: z.literal(type), ...shape });

export const RULE_SCHEMAS = [
  rule('escalation-risk', {
    /** Intent name -> how the prompt describes it. */
    intents: z.record(z.string(), z.string().min(1)).default({
      'escalation.supervisor': 'asked for a supervisor', 'escalation.cancel': 'is threatening to cancel',
      'escalation.complaint': 'wants to complain', 'escalation.repeat-contact': 'has called about this before',
    }),
    minScore: z.number().min(0).max(1).default(0.5),
  }),
  rule('customer-anger', {
    emotions: z.array(z.string()).min(1).default(['anger', 'frustration']),
    minEmotionScore: z.number().min(0).max(1).default(0.6),
    /** A drop of at least this much in sentiment score (-1..1) between two customer utterances ... */
    sentimentDrop: z.number().positive().max(2).default(0.8),
    /** ... that lands at or below this score. */
    dropToScore: z.number().min(-1).max(1).default(-0.4),
    /**
     * ... unless the utterance's emotion is one of these: a worried question ("what happens if I pay late",
     * anxiety) or grief (sadness) drops the sentiment as far as anger does, but it is not anger, and the
     * empathy rules own those moments.
     */
    dropExceptEmotions: z.array(z.string()).default(['anxiety', 'sadness']),
  }),
  rule('negative-trend', {
    /** The last this many customer utterances ... */
    turns: z.number().int().min(2).max(20).default(3),
    /** ... have a mean sentiment score at or below this ... */
    maxMeanScore: z.number().min(-1).max(1).default(-0.3),
    /** ... and at least this many of them are labelled negative. */
    minNegativeTurns: z.number().int().min(0).default(2),
  }),
  rule('empathy-moment', {
    lifeEvents: z.record(z.string(), z.strictObject({ label: z.string().min(1), suggestion: z.string().min(1) })),
    /** Customer sadness at or above this emotion score also counts (1 disables it). */
    minSadnessScore: z.number().min(0).max(1).default(0.7),
  }),
  rule('empathy-missed', {
    lifeEvents: z.record(z.string(), z.strictObject({ label: z.string().min(1), suggestion: z.string().min(1) })),
    /**
     * A "missed" warning judges the agent, so it needs a clear disclosure: life events scoring below this (0..1)
     * still get the empathy-moment hint but are not held against the reply (e.g. "change my address", 0.6,
     * is as often a correction as a move).
     */
    minLifeEventScore: z.number().min(0).max(1).default(0.7),
    acknowledgements: phraseList,
    minSimilarity: similarity,
    /** The agent's turn is over after this much call time without the agent (s) ... */
    turnGapS: z.number().positive().max(30).default(2),
    /** ... or once it has lasted this long (s). */
    maxTurnS: z.number().positive().max(300).default(20),
    /** No agent turn within this long after the customer's utterance: nothing to judge (s). */
    giveUpS: z.number().positive().max(600).default(30),
  }),
  rule('dead-air', {
    silenceS: z.number().positive().max(600).default(10),
    /** The agent announced a hold with one of these: the silence may last `holdSilenceS` instead. */
    holdPhrases: z.array(z.string().trim().min(2)).default([]),
    holdSilenceS: z.number().positive().max(3600).default(60),
    minSimilarity: similarity,
  }),
  rule('overtalk', {
    overlapMs: z.number().int().positive().max(60000).default(1200),
    /** `agent`: only when the agent started speaking over the customer; `any`: either party. */
    interrupter: z.enum(['agent', 'any']).default('agent'),
  }),
  rule('agent-pace', {
    maxWpm: z.number().positive().max(600).default(190),
    windowS: z.number().positive().max(600).default(30),
    /** Words in the window before the pace is judged (a short burst is not a pace). */
    minWords: z.number().int().positive().default(25),
  }),
  rule('agent-monologue', {
    monologueS: z.number().positive().max(3600).default(45),
    /** Customer speech shorter than this ("mm-hm") does not end the monologue (s). */
    backchannelS: z.number().min(0).max(10).default(1),
    /** A pause longer than this (nobody speaking) ends the monologue (s). */
    maxPauseS: z.number().positive().max(60).default(4),
  }),
  rule('disclosure-missing', {
    withinS: z.number().positive().max(600).default(30),
    phrases: phraseList,
    minSimilarity: similarity,
    /** Judge at the latest this long after `withinS` even if the agent is still speaking (s). */
    maxGraceS: z.number().min(0).max(120).default(10),
    /** A call that ends sooner than this is not judged (s). */
    minCallS: z.number().min(0).default(5),
  }),
  rule('pii-spoken', {
    /** Redaction token -> how the prompt names it. */
    tokens: z.record(z.string().regex(/^\[[A-Z]+\]$/, 'a token looks like [CARD]'), z.string().min(1)),
    channels: z.array(CHANNEL).min(1).default(['customer', 'agent']),
  }),
  rule('knowledge', {
    /** BM25+ score (with the knowledge base's field boosts) below which no article is suggested. */
    minScore: z.number().min(0).default(15),
    /** When the question alone finds nothing, the whole utterance is searched and must score this much (its
     *  extra words add incidental matches, so the bar is higher). */
    contextMinScore: z.number().min(0).default(40),
    /** Only utterances the analysis marked as a question are looked up. */
    requireQuestion: z.boolean().default(true),
    snippetChars: z.number().int().min(40).max(600).default(220),
  }),
  rule('phrase', {
    channel: CHANNEL,
    phrases: phraseList,
    minSimilarity: similarity,
  }),
] as const;

export const PLACEHOLDERS: Record<RuleConfig['type'], readonly string[]> = {
  'escalation-risk': ['intent', 'quote'],
  'customer-anger': ['emotion', 'score', 'quote'],
  'negative-trend': ['turns', 'mean', 'quote'],
  'empathy-moment': ['lifeEvent', 'suggestion', 'quote'],
  'empathy-missed': ['lifeEvent', 'suggestion', 'quote', 'customerQuote'],
  'dead-air': ['seconds'],
  overtalk: ['seconds', 'quote'],
  'agent-pace': ['wpm', 'maxWpm'],
  'agent-monologue': ['seconds'],
  'disclosure-missing': ['seconds'],
  'pii-spoken': ['kind', 'quote'],
  knowledge: ['title', 'snippet', 'article', 'quote'],
  phrase: ['phrase', 'quote'],
};

const ruleSchema = z.discriminatedUnion('type', RULE_SCHEMAS);
export type RuleConfig = z.infer<typeof ruleSchema>;
export type RuleType = RuleConfig['type'];
export const RULE_TYPES = RULE_SCHEMAS.map((s) => s.shape.type.value);

const packSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1).default('unnamed'),
  description: z.string().optional(),
  rules: z.array(z.unknown()).max(200),
});

export interface RulePack { name: string; source: string; rules: RuleConfig[] }

/** Validates a parsed rule pack; throws AppError CONFIG_INVALID listing every problem with the rule it is in. */
export function validateRulePack(data: unknown, source: string): RulePack {
  const fail = (problems: string[]) => {
    throw new AppError('CONFIG_INVALID', `rule pack ${source} is invalid: ${problems.join('; ')}`);
  };
  const top = packSchema.safeParse(data);
  if (!top.success) fail(top.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`));
  const problems: string[] = [];
  const rules: RuleConfig[] = [];
  const seen = new Set<string>();
  top.data!.rules.forEach((raw, index) => {
    const id = (raw as { id?: unknown })?.id;
    const where = `rules[${index}]${typeof id === 'string' ? ` (${id})` : ''}`;
    const type = (raw as { type?: unknown })?.type;
    if (typeof type !== 'string' || !(RULE_TYPES as readonly string[]).includes(type)) {
      problems.push(`${where}.type: ${JSON.stringify(type ?? null)} is not a rule type (one of ${RULE_TYPES.join(', ')})`);
      return;
    }
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        // A record key's own message ("a token looks like [CARD]") sits one level down.
        const inner = 'issues' in i && Array.isArray(i.issues) ? (i.issues as Array<{ message: string }>).map((x) => x.message) : [];
        problems.push(`${where}${i.path.length ? '.' + i.path.join('.') : ''}: ${[i.message, ...inner].join(': ')}`);
      }
      return;
    }
    const r = parsed.data;
    if (seen.has(r.id)) problems.push(`${where}.id: duplicate rule id "${r.id}"`);
    seen.add(r.id);
    for (const field of ['title', 'body'] as const) {
      for (const name of placeholdersIn(r[field])) {
        if (!PLACEHOLDERS[r.type].includes(name)) {
          problems.push(`${where}.${field}: unknown placeholder {${name}} (a ${r.type} rule has ${PLACEHOLDERS[r.type].map((p) => `{${p}}`).join(', ')})`);
        }
      }
    }
    rules.push(r);
  });
  if (problems.length) fail(problems);
  return { name: top.data!.name, source, rules };
}

/** Reads and validates a rule pack file (.yaml, .yml or .json). */
export async function loadRulePack(path: string): Promise<RulePack> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `rule pack ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `rule pack ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  return validateRulePack(data, path);
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
}

/** Fills {name} placeholders; values are trimmed to keep a prompt short on the desktop. */
export function renderTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return '';
    return typeof v === 'number' ? String(Math.round(v * 100) / 100) : v;
  }).replace(/\s+/g, ' ').trim();
}
