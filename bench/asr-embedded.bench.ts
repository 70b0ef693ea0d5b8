// Embedded ASR engine: real-time factor on one inference worker (goal < 0.1) and first-partial latency at
// real-time pace (goal: first non-empty partial within 500 ms of speech onset).
// Audio: espeak-ng + sox synthesis of contact-centre sentences into a temp folder (skips without them).
// Usage: node --import tsx bench/asr-embedded.bench.ts   (or npm run bench -- asr-embedded). ROUNDS sets RTF repetitions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEmbeddedEngine } from '../src/asr/embedded/index.ts';
import { readWav16 } from '../models/train/asr/eval-audio.ts';

const SR = 16000;
const MODEL_DIR = process.env.ASR_MODEL_DIR ?? 'models/asr-embedded';
const SENTENCES = [
  'hi i am calling about my bill it is much higher than last month',
  'can i speak to your supervisor please',
  'i want to cancel my broadband contract',
  'my card was declined and i do not know why',
  'thank you so much you have been really helpful',
  'the internet has been down since tuesday morning',
];

function synthesize(): Float32Array[] | null {
  if (spawnSync('espeak-ng', ['--version']).status !== 0 || spawnSync('sox', ['--version']).status !== 0) return null;
  const dir = mkdtempSync(join(os.tmpdir(), 'asr-bench-'));
  try {
    return SENTENCES.map((t, i) => {
      const raw = join(dir, `${i}.raw.wav`);
      const wav = join(dir, `${i}.wav`);
      spawnSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', raw, t]);
      // 0.5 s of silence before the speech so onset detection has something to find
      spawnSync('sox', ['-V1', raw, '-r', '16000', '-b', '16', wav, 'rate', '-v', '16000', 'pad', '0.5', '0.3']);
      return readWav16(wav);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** First 10 ms frame whose RMS exceeds -35 dBFS, in seconds. */
function speechOnset(x: Float32Array): number {
  for (let at = 0; at + 160 <= x.length; at += 160) {
    let e = 0;
    for (let i = at; i < at + 160; i++) e += x[i] * x[i];
    if (Math.sqrt(e / 160) > 10 ** (-35 / 20)) return at / SR;
  }
  return 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export default async function run(): Promise<void> {
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)) };
  if (!existsSync(join(MODEL_DIR, 'model.onnx'))) { console.log(`asr-embedded bench: skipped (${MODEL_DIR}/model.onnx missing)`); return }
  const audio = synthesize();
  if (!audio) { console.log('asr-embedded bench: skipped (espeak-ng or sox not installed)'); return }
  const audioS = audio.reduce((s, a) => s + a.length, 0) / SR;
  const rounds = Number(process.env.ROUNDS ?? 3);
  const engine = await loadEmbeddedEngine({ modelDir: MODEL_DIR, workers: 1 });

  // 1) throughput: every utterance fed as fast as possible through one stream and one worker
  const texts: string[] = [];
  const stream = engine.createStream();
  for (const a of audio) { stream.accept(a); texts.push((await stream.finish()).text) } // warm-up
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of audio) { for (let at = 0; at < a.length; at += 2560) stream.accept(a.subarray(at, at + 2560)); await stream.finish() }
  const rtf = (performance.now() - t0) / 1000 / (audioS * rounds);

  // 2) first partial at real-time pace: 20 ms frames on a wall-clock schedule, partial() every 160 ms
  const latencies: number[] = [];
  for (const a of audio) {
    const onset = speechOnset(a);
    const s = engine.createStream();
    const start = performance.now();
    let first = NaN;
    for (let at = 0, k = 0; at < a.length; at += 320, k++) {
      const due = start + (at / SR) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      s.accept(a.subarray(at, at + 320));
      if (k % 8 === 7 && Number.isNaN(first)) {
        const p = await s.partial();
        if (p.text.trim()) first = (performance.now() - start) / 1000 - onset;
      }
    }
    await s.finish();
    s.close();
    latencies.push(first);
  }
  stream.close();
  await engine.close();
  const found = latencies.filter((x) => !Number.isNaN(x));
  const rows = [{
    engine: 'embedded (1 worker)', audioSeconds: +audioS.toFixed(1), rtf: +rtf.toFixed(4),
    firstPartialMedianMs: found.length ? Math.round(found.sort((x, y) => x - y)[Math.floor(found.length / 2)] * 1000) : NaN,
    firstPartialMaxMs: found.length ? Math.round(Math.max(...found) * 1000) : NaN, utterancesWithPartial: `${found.length}/${audio.length}`,
  }];
  console.log(`asr-embedded bench: ${audio.length} espeak-ng utterances, ${audioS.toFixed(1)} s, ${rounds} rounds; model ${MODEL_DIR}`);
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadavg.join(' ')}`);
  console.table(rows);
  console.log('goals: RTF < 0.1 on one core; first partial < 500 ms after speech onset');
  console.log('sample transcripts:', texts.slice(0, 3));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/asr-embedded.json', JSON.stringify({ machine, at: new Date().toISOString(), modelDir: MODEL_DIR, rows, latenciesS: latencies, samples: texts }, null, 2) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
