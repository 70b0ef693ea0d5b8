// PocketSphinx engine benchmark: real-time factor, channels per core, first-partial latency after speech
// onset at real-time pace, and final latency after speech end. Prints a table; writes bench/results/asr.json.
// Run: node --import tsx bench/asr.bench.ts   (or through the bench runner, which calls run())
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AsrEngine } from '../src/asr/types.ts';
import { PROJECT_ROOT } from '../src/models/locate.ts';
import { readWav } from '../models/train/eval-wav.ts';

const FRAME_MS = 20;          // bridges send 20 ms frames
const PARTIAL_POLL_MS = 100;  // the pipeline asks for a partial every 100 ms while speech goes on
const ONSET_DBFS = -35;       // a 10 ms frame louder than this is speech (clips are clean read speech)

interface LatencyRun { clip: string; firstPartialMs: number | null; finalMs: number }

function clips(): Array<{ id: string; audio: Float32Array }> {
  const dir = resolve(PROJECT_ROOT, '../shared/realspeech');
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Array<{ id: string; file: string; text: string | null; group: string }>;
  const pick = manifest.filter((e) => e.text && (e.group === 'librispeech' || e.group === 'kathleen_arctic')).slice(0, 12);
  return pick.map((e) => ({ id: e.id, audio: readWav(resolve(dir, e.file)).channels[0] }));
}

function onsetSeconds(audio: Float32Array): number {
  for (let i = 0; i + 160 <= audio.length; i += 160) {
    let e = 0;
    for (let j = i; j < i + 160; j++) e += audio[j] * audio[j];
    if (10 * Math.log10(e / 160 + 1e-12) > ONSET_DBFS) return i / 16000;
  }
  return 0;
}

/** Throughput: every clip through one stream as fast as the engine goes. */
async function throughput(engine: AsrEngine, set: Array<{ audio: Float32Array }>): Promise<{ audioS: number; wallRtf: number; cpuRtf: number }> {
  const stream = engine.createStream();
  let audioS = 0;
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  for (const { audio } of set) {
    for (let i = 0; i < audio.length; i += 1600) stream.accept(audio.subarray(i, i + 1600));
    await stream.finish();
    audioS += audio.length / 16000;
  }
  const cpu = process.cpuUsage(cpu0);
  stream.close();
  return { audioS, wallRtf: (performance.now() - t0) / 1000 / audioS, cpuRtf: (cpu.user + cpu.system) / 1e6 / audioS };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Latency: 20 ms frames at real-time pace, partials polled like the pipeline, finish() at the speech end. */
async function latency(engine: AsrEngine, clip: { id: string; audio: Float32Array }): Promise<LatencyRun> {
  const stream = engine.createStream();
  const step = (16000 * FRAME_MS) / 1000;
  const onsetAt = onsetSeconds(clip.audio);
  const start = performance.now();
  let firstPartialMs: number | null = null;
  let polling = false;
  for (let i = 0, n = 0; i < clip.audio.length; i += step, n++) {
    const due = start + n * FRAME_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    stream.accept(clip.audio.subarray(i, i + step));
    if (firstPartialMs === null && !polling && n % (PARTIAL_POLL_MS / FRAME_MS) === 0) {
      polling = true;
      void stream.partial().then((r) => {
        polling = false;
        if (firstPartialMs === null && r.text.trim()) firstPartialMs = performance.now() - (start + onsetAt * 1000);
      }, () => { polling = false });
    }
  }
  const speechEnd = performance.now();
  await stream.finish();
  const finalMs = performance.now() - speechEnd;
  stream.close();
  return { clip: clip.id, firstPartialMs, finalMs };
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN };
const r2 = (x: number): number => Math.round(x * 100) / 100;

export default async function run(): Promise<void> {
  if (!existsSync(resolve(PROJECT_ROOT, '../shared/realspeech/manifest.json'))) { console.log('asr bench: ../shared/realspeech missing, skipped'); return }
  const { loadPocketSphinxEngine } = await import('../src/asr/pocketsphinx/index.ts');
  const set = clips();
  const rows: Array<Record<string, string | number | null>> = [];
  for (const lm of ['general', 'mixed'] as const) {
    let engine: AsrEngine;
    try {
      engine = await loadPocketSphinxEngine({ lm, workers: 1 });
    } catch (err) {
      console.log(`asr bench: pocketsphinx (${lm}) unavailable: ${(err as Error).message}`);
      continue;
    }
    const t = await throughput(engine, set.slice(0, 6));
    const lat: LatencyRun[] = [];
    for (const clip of set.slice(6, 10)) lat.push(await latency(engine, clip));
    await engine.close();
    const partials = lat.map((l) => l.firstPartialMs).filter((x): x is number => x !== null);
    rows.push({
      engine: `pocketsphinx:${lm}`, audioS: r2(t.audioS), wallRtf: r2(t.wallRtf), cpuRtf: r2(t.cpuRtf),
      channelsPerCore: r2(1 / t.cpuRtf), firstPartialMedianMs: Math.round(median(partials)), firstPartialMaxMs: partials.length ? Math.round(Math.max(...partials)) : null,
      finalAfterEndMedianMs: Math.round(median(lat.map((l) => l.finalMs))), latencyClips: lat.length,
    });
  }
  const keys = ['engine', 'audioS', 'wallRtf', 'cpuRtf', 'channelsPerCore', 'firstPartialMedianMs', 'firstPartialMaxMs', 'finalAfterEndMedianMs'];
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, loadAvg: (await import('node:os')).loadavg().map(r2) };
  console.log(`ASR bench (${machine.cpu}, ${machine.cores} cores, load ${machine.loadAvg.join(' ')})`);
  console.log(`| ${keys.join(' | ')} |`);
  console.log(`|${keys.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${keys.map((k) => String(r[k])).join(' | ')} |`);
  mkdirSync(resolve(PROJECT_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(resolve(PROJECT_ROOT, 'bench/results/asr.json'), JSON.stringify({ machine, at: new Date().toISOString(), notes: 'cpuRtf = CPU seconds of all threads / audio seconds; channelsPerCore = 1 / cpuRtf; first partial measured from the energy onset of speech at real-time pace with 20 ms frames and 100 ms partial polling', rows }, null, 1) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
