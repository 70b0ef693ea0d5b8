import { z } from 'zod';
import { SEARCH_PROFILES } from './asr/pocketsphinx/config.ts';
import { AppError } from './errors.ts';

// Configuration: one schema with defaults, validated once at start and frozen. `PORT` and `HOST` come from the
// environment like any Node server; everything else may be overridden with AGENT_ASSIST_<SECTION>_<KEY>
// (e.g. AGENT_ASSIST_ASR_ENGINE=embedded, AGENT_ASSIST_STORE_SQLITE_PATH=/data/calls.db).

export const ASR_ENGINES = ['auto', 'embedded', 'pocketsphinx', 'sherpa', 'none'] as const;

/** "false"/"0" from the environment mean false (z.coerce.boolean would read any non-empty string as true). */
const envBool = z.preprocess((v) => (v === 'false' || v === '0' ? false : v === 'true' || v === '1' ? true : v), z.boolean());

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ingest: z.object({
    maxFrameBytes: z.coerce.number().int().positive().default(256 * 1024),
    /** Audio waiting to be processed per channel before the call is refused (s of audio). */
    maxBacklogS: z.coerce.number().positive().default(60),
    audioSocketPort: z.coerce.number().int().min(0).max(65535).default(9092),
    audioSocketEnabled: envBool.default(true),
  }).prefault({}),
  vad: z.object({
    threshold: z.coerce.number().min(0).max(1).default(0.5),
    minSpeechMs: z.coerce.number().int().min(0).default(250),
    hangoverMs: z.coerce.number().int().min(0).default(400),
    speechPadMs: z.coerce.number().int().min(0).default(100),
  }).prefault({}),
  asr: z.object({
    engine: z.enum(ASR_ENGINES).default('auto'),
    workers: z.union([z.literal('auto'), z.coerce.number().int().positive()]).default('auto'),
    /** A partial transcript at least every this many ms of speech. */
    partialEveryMs: z.coerce.number().int().positive().default(300),
    /** Audio before the VAD's speech start handed to the recognizer (ms). */
    prerollMs: z.coerce.number().int().min(0).default(200),
    /** PocketSphinx search: 'accurate', or 'fast' (about half the CPU per channel, a few points more WER). */
    pocketsphinxProfile: z.enum(SEARCH_PROFILES).default('accurate'),
    /** Live overload policy (src/asr/overflow.ts): when, at an utterance's start, PocketSphinx's worker already
     *  decodes `overflowMaxSpeaking` utterances in progress or lags more than `overflowLagMs`, that utterance is
     *  decoded by this engine instead ('none': never; finals then wait in the queue). */
    overflowEngine: z.enum(['embedded', 'none']).default('embedded'),
    overflowLagMs: z.coerce.number().int().min(0).default(500),
    overflowMaxSpeaking: z.coerce.number().int().min(0).default(3),
    /** ... and a PocketSphinx final not back this long after the speech end (ms; the VAD itself decides ~300 ms
     *  after it) is replaced by that engine's. */
    overflowFinalWaitMs: z.coerce.number().int().min(0).default(700),
    embeddedModelDir: z.string().default('asr-embedded'),
    /** Embedded engine finals from the word-LM beam search (true) or greedy CTC decoding (false). */
    embeddedBeam: envBool.default(true),
    /** Log-prob added per word of a phrase the coaching rules listen for (disclosure, condolences, hold phrases)
     *  in the embedded engine's beam search, kept only when the whole phrase is recognized; 0 turns it off.
     *  3.5 was chosen on a dev set of unseen voices (models/train/asr/phrase_dev.py; models/asr-embedded/README.md). */
    phraseBoost: z.coerce.number().min(0).max(20).default(3.5),
    sherpaModelDir: z.string().default('sherpa-zipformer-en-20M'),
  }).prefault({}),
  analysis: z.object({
    engine: z.enum(['embedded', 'transformers', 'lexicon']).default('embedded'),
    modelDir: z.string().default('analysis-embedded'),
  }).prefault({}),
  coach: z.object({
    rulePack: z.string().optional(),
    kbDir: z.string().optional(),
  }).prefault({}),
  deliver: z.object({
    /** Events queued per desktop socket before the overflow policy applies. */
    queueLimit: z.coerce.number().int().positive().default(1000),
  }).prefault({}),
  store: z.object({
    url: z.string().optional(),
    sqlitePath: z.string().default('var/agent-assist.db'),
    retentionDays: z.coerce.number().positive().default(90),
  }).prefault({}),
  metricsEveryMs: z.coerce.number().int().positive().default(1000),
});

export type AppConfig = Readonly<z.infer<typeof schema>>;
export type ConfigInput = z.input<typeof schema>;

const PREFIX = 'AGENT_ASSIST_';

/** Turns AGENT_ASSIST_ASR_ENGINE=x into { asr: { engine: 'x' } } (keys matched case-insensitively on the schema). */
function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, any> = {};
  if (env.PORT !== undefined) out.port = env.PORT;
  if (env.HOST !== undefined) out.host = env.HOST;
  const shape = schema.shape as Record<string, z.ZodType>;
  const camel = (s: string) => s.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith(PREFIX) || v === undefined || k === 'AGENT_ASSIST_MODELS') continue;
    const rest = k.slice(PREFIX.length);
    const topLevel = camel(rest);
    if (topLevel in shape) { out[topLevel] = v; continue; }
    const [section, ...keyParts] = rest.split('_');
    const sec = section.toLowerCase();
    if (sec in shape && keyParts.length > 0) {
      out[sec] = { ...(out[sec] ?? {}), [camel(keyParts.join('_'))]: v };
    }
  }
  return out;
}

function merge(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && typeof out[k] === 'object' ? merge(out[k], v) : v;
  }
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') { Object.values(o).forEach(deepFreeze); Object.freeze(o); }
  return o;
}

/** Validates once: explicit options win over the environment, which wins over defaults. */
export function loadConfig(overrides: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(merge(fromEnv(env), overrides as Record<string, unknown>));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('CONFIG_INVALID', `invalid configuration: ${detail}`);
  }
  return deepFreeze(parsed.data);
}
