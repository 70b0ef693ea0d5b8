// Reads models/pocketsphinx/engine.json and turns it into decoder options. The acoustic model, the general
// LM and cmudict come from Debian's pocketsphinx-en-us; the domain LM and extra pronunciations are the project's.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { AppError } from '../../errors.ts';

export type LmChoice = 'general' | 'domain' | 'mixed';

export interface SearchSettings {
  beam?: string; wbeam?: string; pbeam?: string; maxhmmpf?: number; maxwpf?: number; topn?: number; lw?: number; wip?: number;
  /** Phone-loop lookahead (frames of 10 ms) that prunes the word search: 10 cut the CPU of the fixture calls by
   *  12% at the same WER (0.307 vs 0.310, measured 2026-12-04). */
  pl_window?: number;
}

/** `accurate`: engine.json's `search` as is; `fast`: with its `profiles.fast` settings on top (more channels per core). */
export const SEARCH_PROFILES = ['accurate', 'fast'] as const;
export type SearchProfile = (typeof SEARCH_PROFILES)[number];

export interface EngineFile {
  /** Debian's model folder (pocketsphinx-en-us). */
  debianModelDir: string;
  /** Default LM when the caller does not choose. */
  lm: LmChoice;
  /** Domain LM file (relative to the model folder). */
  domainLm: string;
  /** Weight of the domain LM in the mixture (the general LM gets 1 - this). */
  mixWeight: number;
  /** Pronunciations for words missing from cmudict, `word PH O N E S` per line (relative). */
  extraDict: string;
  search: SearchSettings;
  /** Named settings merged over `search` (see SEARCH_PROFILES). */
  profiles?: Partial<Record<SearchProfile, SearchSettings>>;
  realSpeechWer?: number;
}

/** The search settings of a profile; throws ENGINE_UNAVAILABLE when engine.json lacks a non-default profile. */
export function searchFor(file: EngineFile, profile: SearchProfile): SearchSettings {
  if (profile === 'accurate') return { ...file.search };
  const extra = file.profiles?.[profile];
  if (!extra) throw new AppError('ENGINE_UNAVAILABLE', `pocketsphinx: engine.json has no "${profile}" search profile`);
  return { ...file.search, ...extra };
}

/** Everything a worker needs to build one decoder: command-line args plus the run-time LM mixture. */
export interface DecoderSpec {
  args: string[];
  mix?: { files: string[]; weights: number[] };
  /** Decoder frames per second (pocketsphinx -frate). */
  frameRate: number;
  /** Rate of the PCM the decoder reads: 16000, or 8000 for narrowband (telephone) features. */
  sampleRateHz: 16000 | 8000;
}

/** Narrowband front end for 8 kHz telephone audio: 31 mel filters up to 3.5 kHz (the line's pass band). */
export const NARROWBAND_FEATURES = ['-samprate', '8000', '-nfilt', '31', '-upperf', '3500'];

/**
 * The acoustic model's feat.params overrides the command line (-upperf 6800 fails at 8 kHz), so narrowband
 * decoding uses a copy of the model folder in the tmp dir: symlinks to the model files, feat.params rewritten.
 */
export function narrowbandModel(hmm: string): string {
  const dir = resolve(tmpdir(), `pocketsphinx-narrowband-${createHash('sha256').update(hmm).digest('hex').slice(0, 12)}`);
  const params = resolve(dir, 'feat.params');
  if (existsSync(params)) return dir;
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(hmm)) if (f !== 'feat.params' && !existsSync(resolve(dir, f))) symlinkSync(resolve(hmm, f), resolve(dir, f));
  const wide = readFileSync(resolve(hmm, 'feat.params'), 'utf8');
  const narrow = wide.replace(/^-upperf .*$/m, '-upperf 3500').replace(/^-nfilt .*$/m, '-nfilt 31');
  writeFileSync(`${params}.${process.pid}.tmp`, narrow);
  renameSync(`${params}.${process.pid}.tmp`, params);
  return dir;
}

export const DEBIAN_MODEL_PACKAGE = 'pocketsphinx-en-us';

export function readEngineFile(modelDir: string): EngineFile {
  const path = resolve(modelDir, 'engine.json');
  if (!existsSync(path)) throw new AppError('ENGINE_UNAVAILABLE', `pocketsphinx: no engine.json in the model folder ${modelDir}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EngineFile;
  } catch (cause) {
    throw new AppError('ENGINE_UNAVAILABLE', `pocketsphinx: ${path} is not valid JSON`, { cause });
  }
}

function mustExist(path: string, what: string, pkg: string): string {
  if (!existsSync(path)) throw new AppError('ENGINE_UNAVAILABLE', `pocketsphinx: ${what} not found at ${path}; install the Debian package ${pkg}`);
  return path;
}

export function readExtraWords(path: string): Array<[string, string]> {
  if (!existsSync(path)) return [];
  const out: Array<[string, string]> = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^(\S+)\s+(.+)$/.exec(line.trim());
    if (m) out.push([m[1], m[2].trim()]);
  }
  return out;
}

export function buildDecoderSpec(modelDir: string, file: EngineFile, lm: LmChoice, narrowband = false): DecoderSpec {
  const debian = process.env.POCKETSPHINX_MODEL_DIR ?? file.debianModelDir;
  const hmm = mustExist(resolve(debian, 'en-us'), 'the en-us acoustic model', DEBIAN_MODEL_PACKAGE);
  const dict = mustExist(resolve(debian, 'cmudict-en-us.dict'), 'cmudict', DEBIAN_MODEL_PACKAGE);
  const general = mustExist(resolve(debian, 'en-us.lm.bin'), 'the general en-us language model', DEBIAN_MODEL_PACKAGE);
  const domain = resolve(modelDir, file.domainLm);
  if (lm !== 'general') mustExist(domain, 'the contact-centre language model', 'models/pocketsphinx (project files)');
  const s = file.search;
  // -cmn live: cepstral mean carried over between utterances of a channel (batch CMN needs the whole clip)
  // The mixture is set after start (setMixedLm, shared by a worker's decoders): no -lm to load first then.
  const lmArgs = lm === 'mixed' ? [] : ['-lm', lm === 'domain' ? domain : general];
  const args = ['-hmm', narrowband ? narrowbandModel(hmm) : hmm, '-dict', mergedDictionary(dict, resolve(modelDir, file.extraDict)), ...lmArgs, '-cmn', 'live'];
  for (const [k, v] of Object.entries(s)) if (v !== undefined) args.push(`-${k}`, String(v));
  if (narrowband) args.push(...NARROWBAND_FEATURES);
  const mix = lm === 'mixed' ? { files: [general, domain], weights: [1 - file.mixWeight, file.mixWeight] } : undefined;
  return { args, mix, frameRate: 100, sampleRateHz: narrowband ? 8000 : 16000 };
}

/**
 * cmudict plus the project's extra pronunciations as one dictionary file (cached in the tmp dir by content).
 * A merged file rather than ps_add_word: adding many hundreds of words at run time crashes this libpocketsphinx.
 */
export function mergedDictionary(cmudict: string, extraPath: string): string {
  if (!existsSync(extraPath)) return cmudict;
  const extra = readExtraWords(extraPath);
  if (extra.length === 0) return cmudict;
  const base = readFileSync(cmudict, 'utf8');
  const known = new Set(base.split('\n').map((l) => l.slice(0, l.indexOf(' '))));
  const lines = extra.filter(([w]) => !known.has(w)).map(([w, p]) => `${w} ${p}`);
  const hash = createHash('sha256').update(base).update(lines.join('\n')).digest('hex').slice(0, 16);
  const out = resolve(tmpdir(), `pocketsphinx-dict-${hash}.dict`);
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, `${base.trimEnd()}\n${lines.join('\n')}\n`);
    renameSync(tmp, out); // atomic: workers of other processes never see a half-written file
  }
  return out;
}
