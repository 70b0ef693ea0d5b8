// `npm run eval:asr`: every installed speech engine side by side on ../shared/realspeech (16 kHz, and through
// 8 kHz mu-law) and on the fixture calls. Measurement only: nothing here tunes anything.
// Flags: --engines a,b (registry names) --sets realspeech16k,realspeech8k,fixtures --limit N --no-write
// Your own recordings: `npm run eval:asr -- <folder> [--engines a,b] [--show]` decodes every x.wav with a sibling
// x.txt (reference text) and prints the WER per file and overall (--show: and each reference and hypothesis);
// nothing is written.
// Results merge into bench/results/eval-asr.json per engine and set, so slow engines can run separately.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resample } from '../../src/audio/resample.ts';
import { decodeMulaw, encodeMulaw } from '../../src/audio/g711.ts';
import type { AsrEngine } from '../../src/asr/types.ts';
import { wer } from '../../src/asr/wer.ts';
import { PROJECT_ROOT } from '../../src/models/locate.ts';
import { readWav } from './eval-wav.ts';

interface EngineEntry { name: string; note: string; load: () => Promise<AsrEngine> }

/** Engines by name. A variant that cannot load is reported as skipped with its reason. */
const REGISTRY: EngineEntry[] = [
  ...(['general', 'domain', 'mixed'] as const).map((lm) => ({
    name: `pocketsphinx:${lm}`, note: `Debian en-us acoustic model, ${lm} LM`,
    load: async () => (await import('../../src/asr/pocketsphinx/index.ts')).loadPocketSphinxEngine({ lm, workers: 1 }),
  })),
  {
    name: 'pocketsphinx:mixed-fast', note: 'mixed LM, the "fast" search profile of engine.json (asr.pocketsphinxProfile: fast)',
    load: async () => (await import('../../src/asr/pocketsphinx/index.ts')).loadPocketSphinxEngine({ lm: 'mixed', workers: 1, profile: 'fast' }),
  },
  {
    name: 'pocketsphinx:general-8kfeat', note: 'general LM, 8 kHz narrowband features (-samprate 8000 -nfilt 31 -upperf 3500)',
    load: async () => (await import('../../src/asr/pocketsphinx/index.ts')).loadPocketSphinxEngine({ lm: 'general', workers: 1, narrowband: true }),
  },
  {
    name: 'pocketsphinx:mixed-8kfeat', note: 'mixed LM, 8 kHz narrowband features (-samprate 8000 -nfilt 31 -upperf 3500)',
    load: async () => (await import('../../src/asr/pocketsphinx/index.ts')).loadPocketSphinxEngine({ lm: 'mixed', workers: 1, narrowband: true }),
  },
  {
    name: 'embedded', note: 'project streaming CTC model (models/asr-embedded)',
    load: async () => {
      const file = resolve(PROJECT_ROOT, 'src/asr/embedded/index.ts');
      const dir = resolve(PROJECT_ROOT, 'models/asr-embedded');
      if (!existsSync(file) || !existsSync(resolve(dir, 'model.onnx'))) throw new Error('src/asr/embedded or models/asr-embedded/model.onnx missing');
      const mod = await import(file) as { loadEmbeddedEngine: (o: { modelDir: string }) => Promise<AsrEngine> };
      return mod.loadEmbeddedEngine({ modelDir: dir });
    },
  },
];

interface Clip { id: string; group: string; text: string; audio16k: Float32Array }
interface SetScore { clips: number; refWords: number; errors: number; pooledWer: number; meanClipWer: number; byGroup: Record<string, { clips: number; wer: number }>; seconds: number; decodeS: number; cpuRtf: number }

function loadRealSpeech(limit: number): Clip[] {
  const dir = resolve(PROJECT_ROOT, '../shared/realspeech');
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Array<{ id: string; file: string; text: string | null; group: string }>;
  const labelled = manifest.filter((e) => e.text !== null).slice(0, limit);
  return labelled.map((e) => {
    const wav = readWav(resolve(dir, e.file));
    if (wav.rateHz !== 16000 || wav.channels.length !== 1) throw new Error(`${e.id}: expected 16 kHz mono`);
    return { id: e.id, group: e.group, text: e.text!, audio16k: wav.channels[0] };
  });
}

/** The telephone path: 16 kHz -> 8 kHz -> G.711 mu-law -> back to 16 kHz (what the ingest stage hands the ASR). */
function throughMulaw8k(audio16k: Float32Array): Float32Array {
  return resample(decodeMulaw(encodeMulaw(resample(audio16k, 16000, 8000))), 8000, 16000);
}

function loadFixtureTurns(): Clip[] {
  const dir = resolve(PROJECT_ROOT, 'fixtures/calls');
  if (!existsSync(dir)) return [];
  const clips: Clip[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.truth.json')).sort()) {
    const truth = JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as { name: string; turns: Array<{ channel: string; text: string; start: number; end: number }> };
    const wavPath = resolve(dir, `${truth.name}.wav`);
    if (!existsSync(wavPath)) continue;
    const wav = readWav(wavPath);
    truth.turns.forEach((t, i) => {
      const ch = wav.channels[t.channel === 'customer' ? 0 : 1];
      // the VAD would add ~0.2 s of pre-roll and ~0.3 s of hangover around the voice
      const a = Math.max(0, Math.floor((t.start - 0.2) * wav.rateHz)), b = Math.min(ch.length, Math.ceil((t.end + 0.3) * wav.rateHz));
      clips.push({ id: `${truth.name}#${i}`, group: `${truth.name}:${t.channel}`, text: t.text, audio16k: resample(ch.subarray(a, b), wav.rateHz, 16000) });
    });
  }
  return clips;
}

/** Decodes clips in order; one stream per group, kept across its clips like a call channel. */
async function score(engine: AsrEngine, clips: Clip[], transform: (a: Float32Array) => Float32Array, onClip?: (clip: Clip, hypothesis: string) => void): Promise<SetScore> {
  const streams = new Map<string, ReturnType<AsrEngine['createStream']>>();
  const perGroup = new Map<string, { e: number; n: number; clips: number }>();
  let errors = 0, refWords = 0, clipWerSum = 0, seconds = 0;
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  for (const clip of clips) {
    let stream = streams.get(clip.group);
    if (!stream) { stream = engine.createStream(); streams.set(clip.group, stream) }
    const audio = transform(clip.audio16k);
    seconds += audio.length / 16000;
    for (let i = 0; i < audio.length; i += 1600) stream.accept(audio.slice(i, i + 1600)); // 100 ms chunks
    const result = await stream.finish();
    const s = wer(clip.text, result.text);
    onClip?.(clip, result.text);
    errors += s.errors; refWords += s.refWords; clipWerSum += s.wer;
    const g = perGroup.get(clip.group) ?? { e: 0, n: 0, clips: 0 };
    g.e += s.errors; g.n += s.refWords; g.clips++;
    perGroup.set(clip.group, g);
  }
  for (const s of streams.values()) s.close();
  const cpu = process.cpuUsage(cpu0); // all threads of this process: the decoding workers included
  const byGroup = Object.fromEntries([...perGroup].map(([k, g]) => [k, { clips: g.clips, wer: round(g.n ? g.e / g.n : 0) }]));
  return { clips: clips.length, refWords, errors, pooledWer: round(errors / Math.max(1, refWords)), meanClipWer: round(clipWerSum / Math.max(1, clips.length)), byGroup, seconds: round(seconds), decodeS: round((performance.now() - t0) / 1000), cpuRtf: round((cpu.user + cpu.system) / 1e6 / Math.max(1e-9, seconds)) };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** x.wav + x.txt pairs of a folder (stereo is mixed down; any rate is resampled to 16 kHz). */
export function loadFolder(dir: string): { clips: Clip[]; skipped: string[] } {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  const clips: Clip[] = [], skipped: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.wav')).sort()) {
    const txt = resolve(dir, f.replace(/\.wav$/i, '.txt'));
    if (!existsSync(txt)) { skipped.push(`${f}: no ${f.replace(/\.wav$/i, '.txt')}`); continue }
    let wav;
    try { wav = readWav(resolve(dir, f)) } catch (err) { skipped.push(`${f}: ${(err as Error).message}`); continue }
    const n = wav.channels[0].length, mono = new Float32Array(n);
    for (const ch of wav.channels) for (let i = 0; i < n; i++) mono[i] += ch[i] / wav.channels.length;
    // each file its own group: a fresh stream, as a new call channel would be
    clips.push({ id: f, group: f, text: readFileSync(txt, 'utf8').trim(), audio16k: wav.rateHz === 16000 ? mono : resample(mono, wav.rateHz, 16000) });
  }
  return { clips, skipped };
}

async function evalFolder(dir: string, names: string[], show: boolean): Promise<void> {
  const { clips, skipped } = loadFolder(dir);
  for (const s of skipped) console.error(`[eval:asr] skipped ${s}`);
  if (clips.length === 0) throw new Error(`${dir}: no .wav file with a .txt reference beside it`);
  const width = Math.max(20, ...clips.map((c) => c.id.length));
  for (const entry of REGISTRY.filter((e) => names.includes(e.name))) {
    let engine: AsrEngine;
    try { engine = await entry.load() } catch (err) { console.error(`[eval:asr] ${entry.name}: skipped (${(err as Error).message})`); continue }
    const hypotheses = new Map<string, string>();
    const s = await score(engine, clips, (a) => a, (clip, hyp) => hypotheses.set(clip.id, hyp));
    await engine.close();
    console.log(entry.name);
    for (const [file, g] of Object.entries(s.byGroup)) {
      console.log(`  ${file.padEnd(width)}  WER ${g.wer.toFixed(3)}`);
      if (show) console.log(`    ref: ${clips.find((c) => c.id === file)?.text}\n    hyp: ${hypotheses.get(file)}`);
    }
    console.log(`  ${`overall (${s.clips} files)`.padEnd(width)}  WER ${s.pooledWer.toFixed(3)}  (mean per file ${s.meanClipWer.toFixed(3)}, CPU RTF ${s.cpuRtf})`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { engines: { type: 'string' }, sets: { type: 'string' }, limit: { type: 'string' }, 'no-write': { type: 'boolean' }, show: { type: 'boolean' } } });
  if (positionals.length > 0) {
    const names = values.engines?.split(',') ?? ['pocketsphinx:mixed', 'embedded'];
    for (const dir of positionals) await evalFolder(resolve(dir), names, values.show ?? false);
    return;
  }
  const names = values.engines?.split(',') ?? REGISTRY.map((e) => e.name);
  const sets = values.sets?.split(',') ?? ['realspeech16k', 'realspeech8k', 'fixtures'];
  const limit = values.limit ? Number(values.limit) : Infinity;
  const real = sets.some((s) => s.startsWith('realspeech')) ? loadRealSpeech(limit) : [];
  const fixtures = sets.includes('fixtures') ? loadFixtureTurns().slice(0, limit) : [];
  let results: Record<string, Record<string, SetScore | { skipped: string }>> = {};
  for (const entry of REGISTRY.filter((e) => names.includes(e.name))) {
    let engine: AsrEngine;
    try {
      engine = await entry.load();
    } catch (err) {
      results[entry.name] = { all: { skipped: (err as Error).message } };
      console.error(`[eval:asr] ${entry.name}: skipped (${(err as Error).message})`);
      continue;
    }
    results[entry.name] = {};
    for (const set of sets) {
      const clips = set === 'fixtures' ? fixtures : real;
      if (clips.length === 0) { results[entry.name][set] = { skipped: 'no clips' }; continue }
      const transform = set === 'realspeech8k' ? throughMulaw8k : (a: Float32Array) => a;
      const s = await score(engine, clips, transform);
      results[entry.name][set] = s;
      console.error(`[eval:asr] ${entry.name} ${set}: mean clip WER ${s.meanClipWer}, pooled ${s.pooledWer} (${s.clips} clips, wall RTF ${round(s.decodeS / s.seconds)}, CPU RTF ${s.cpuRtf})`);
    }
    await engine.close();
  }
  printTable(results, sets);
  if (values['no-write']) return;
  const path = resolve(PROJECT_ROOT, 'bench/results/eval-asr.json');
  const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { results?: typeof results }).results ?? {} : {};
  for (const [name, r] of Object.entries(results)) {
    const merged = { ...previous[name], ...r };
    if (!('all' in r)) delete merged.all; // a real measurement replaces an earlier 'skipped'
    previous[name] = merged;
  }
  results = previous;
  const out = { machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version }, at: new Date().toISOString(), metric: 'WER = word edit distance / reference words (src/asr/wer.ts); meanClipWer = mean over clips; pooledWer = all errors / all reference words', results };
  mkdirSync(resolve(PROJECT_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path, JSON.stringify(out, null, 1) + '\n');
  recordPocketSphinxWer(results);
  console.log('(all runs so far, merged:)');
  printTable(results, ['realspeech16k', 'realspeech8k', 'fixtures']);
}

/** engine.json gets the measured real-speech WER of the engine's default configuration (for `asr.engine: auto`). */
function recordPocketSphinxWer(results: Record<string, Record<string, SetScore | { skipped: string }>>): void {
  const path = resolve(PROJECT_ROOT, 'models/pocketsphinx/engine.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { lm: string; realSpeechWer?: number; realSpeechWer8k?: number };
  const s16 = results[`pocketsphinx:${file.lm}`]?.realspeech16k as SetScore | undefined;
  const s8 = results[`pocketsphinx:${file.lm}`]?.realspeech8k as SetScore | undefined;
  if (!s16 || !('meanClipWer' in s16) || s16.clips < 100) return; // only a full run counts
  file.realSpeechWer = s16.meanClipWer;
  if (s8 && 'meanClipWer' in s8) file.realSpeechWer8k = s8.meanClipWer;
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
  // the manifest's figure is what `asr.engine: auto` ranks engines by (src/asr/select.ts)
  const manifestPath = resolve(PROJECT_ROOT, 'models/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: Array<{ asrEngine?: string; realSpeechWer?: number | null }> };
  for (const entry of manifest.models) if (entry.asrEngine === 'pocketsphinx') entry.realSpeechWer = s16.meanClipWer;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}

function printTable(results: Record<string, Record<string, SetScore | { skipped: string }>>, sets: string[]): void {
  const header = ['engine', ...sets.flatMap((s) => [`${s} WER`, `${s} pooled`])];
  const rows = Object.entries(results).map(([name, r]) => [name, ...sets.flatMap((s) => {
    const v = r[s] ?? r.all;
    return v && 'meanClipWer' in v ? [v.meanClipWer.toFixed(3), v.pooledWer.toFixed(3)] : ['skipped', '-'];
  })]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main().catch((err: Error) => { console.error(`eval:asr: ${err.message}`); process.exit(1) });
}
