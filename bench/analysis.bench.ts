// Analysis-stage latency per final utterance (what the stage adds after a final transcript; budget: p95 < 150 ms),
// for each text-classifier engine present, over contact-centre utterances with speech-like audio for prosody.
// Audio: espeak-ng synthesis into a temp folder when espeak-ng is installed, else noise of a matching length.
// Usage: node --import tsx bench/analysis.bench.ts   (or npm run bench -- analysis). ROUNDS=5 sets repetitions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnalyzer } from '../src/analysis/analyzer.ts';
import { computeProsody } from '../src/analysis/prosody.ts';
import type { TextClassification, TextClassifier, UtteranceInput } from '../src/analysis/types.ts';

const SR = 16000;
const UTTERANCES = [
  'hi um yeah i am calling about my bill it is way higher than last month',
  'this is the third time i am calling about this and nobody has fixed it',
  'can i speak to your supervisor please',
  'i want to cancel my account i am done with you guys',
  'my husband passed away last month and the account is in his name',
  'how do i set up a direct debit',
  'is there a way to pay online without logging in',
  'the card number is four five three nine one four eight eight oh three four three six four six seven',
  'my email is john dot smith at example dot com',
  'thank you so much you have been really helpful',
  'we just moved house so i need to change my address',
  'i got laid off last week and i cannot pay the full amount right now',
  'okay',
  'this is absolutely ridiculous i have been waiting for forty minutes',
  'sorry can you repeat that the line is really bad',
  'i was charged twice for the same thing can you take one off',
  'my wife is pregnant and we need to add her to the plan',
  'what time do you close on saturdays',
  'i called last week and they said it would be sorted in two days',
  'great that is everything thanks bye',
];

/** Instant classifier: isolates the stage's own cost (PII, intents, life events, prosody, fusion, trend). */
class NullClassifier implements TextClassifier {
  readonly name = 'none (rules + prosody only)';
  async classify(): Promise<TextClassification> {
    return { sentiment: { label: 'neutral', score: 0 }, emotion: { label: 'neutral', score: 1 } };
  }
  async close(): Promise<void> {}
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}

function readWav16(path: string): Float32Array {
  const b = readFileSync(path);
  let off = 12, rate = 22050, data: Buffer | null = null;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4), size = b.readUInt32LE(off + 4);
    if (id === 'fmt ') rate = b.readUInt32LE(off + 12);
    if (id === 'data') { data = b.subarray(off + 8, Math.min(b.length, off + 8 + size)); break }
    off += 8 + size + (size % 2);
  }
  if (!data) throw new Error(`no data chunk in ${path}`);
  const n = Math.floor(data.length / 2);
  const src = new Float32Array(n);
  for (let i = 0; i < n; i++) src[i] = data.readInt16LE(2 * i) / 32768;
  // Linear resampling to 16 kHz: enough for prosody timing in a benchmark.
  const outLen = Math.floor((n * SR) / rate);
  const out = new Float32Array(outLen);
  for (let i = 0; i < outLen; i++) {
    const pos = (i * rate) / SR, k = Math.floor(pos), f = pos - k;
    out[i] = src[k] * (1 - f) + (src[Math.min(n - 1, k + 1)] ?? 0) * f;
  }
  return out;
}

function makeAudio(texts: string[]): { audio: Float32Array[]; source: string } {
  const espeak = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  if (espeak.status === 0) {
    const dir = mkdtempSync(join(os.tmpdir(), 'analysis-bench-'));
    try {
      const audio = texts.map((t, i) => {
        const wav = join(dir, `${i}.wav`);
        const r = spawnSync('espeak-ng', ['-s', String(150 + (i % 5) * 15), '-w', wav, t]);
        if (r.status !== 0) throw new Error('espeak-ng failed');
        return readWav16(wav);
      });
      return { audio, source: 'espeak-ng' };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  let seed = 1;
  const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32 - 0.5 };
  const audio = texts.map((t) => new Float32Array(Math.round(t.split(' ').length * 0.35 * SR)).map(() => 0.2 * rand()));
  return { audio, source: 'noise (espeak-ng not installed)' };
}

async function loadEngines(): Promise<{ engines: TextClassifier[]; notes: string[] }> {
  const engines: TextClassifier[] = [];
  const notes: string[] = [];
  const embeddedModule = new URL('../src/analysis/classifier/embedded.ts', import.meta.url);
  if (!existsSync(embeddedModule) || !existsSync('models/analysis-embedded')) {
    notes.push('embedded: skipped (src/analysis/classifier/embedded.ts or models/analysis-embedded missing)');
  } else {
    try {
      const m = await import(embeddedModule.href);
      engines.push(await m.loadEmbeddedClassifier({ modelDir: 'models/analysis-embedded' }));
    } catch (err) {
      notes.push(`embedded: skipped (${(err as Error).message})`);
    }
  }
  const lexiconModule = new URL('../src/analysis/classifier/lexicon.ts', import.meta.url);
  if (!existsSync(lexiconModule)) {
    notes.push('lexicon: skipped (src/analysis/classifier/lexicon.ts missing)');
  } else {
    try {
      const m = await import(lexiconModule.href) as Record<string, unknown>;
      // The lexicon module's factory: the first exported create*/load* function mentioning "lexicon".
      const factory = Object.entries(m).find(([k, v]) => typeof v === 'function' && /^(create|load)/.test(k) && /lexicon/i.test(k))?.[1] as
        ((o?: object) => TextClassifier | Promise<TextClassifier>) | undefined;
      if (!factory) throw new Error('no create*/load*Lexicon* export');
      engines.push(await factory({}));
    } catch (err) {
      notes.push(`lexicon: skipped (${(err as Error).message})`);
    }
  }
  engines.push(new NullClassifier());
  return { engines, notes };
}

export default async function run(): Promise<void> {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const { audio, source } = makeAudio(UTTERANCES);
  const audioS = audio.reduce((s, a) => s + a.length, 0) / SR;

  // Prosody alone: ms of CPU per second of audio (budget 3).
  for (const a of audio) computeProsody(a);
  const tp = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of audio) computeProsody(a);
  const prosodyMsPerS = (performance.now() - tp) / rounds / audioS;

  const { engines, notes } = await loadEngines();
  const rows: Array<Record<string, string | number>> = [];
  for (const engine of engines) {
    const analyzer = createAnalyzer({ classifier: engine, classifierTimeoutMs: 5000 });
    const input = (i: number, r: number): UtteranceInput => ({
      callId: `bench-${r}`, channel: i % 2 ? 'agent' : 'customer', utteranceId: `u${r}-${i}`, text: UTTERANCES[i],
      start: i * 5, end: i * 5 + audio[i].length / SR, audio: audio[i],
    });
    for (let i = 0; i < UTTERANCES.length; i++) await analyzer.analyze(input(i, -1)); // warm-up
    const ms: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < UTTERANCES.length; i++) {
        const t0 = performance.now();
        await analyzer.analyze(input(i, r));
        ms.push(performance.now() - t0);
      }
      analyzer.endCall(`bench-${r}`);
    }
    rows.push({
      engine: engine.name, utterances: ms.length,
      medianMs: +quantile(ms, 0.5).toFixed(2), p95Ms: +quantile(ms, 0.95).toFixed(2), p99Ms: +quantile(ms, 0.99).toFixed(2),
      failures: analyzer.stats.classifierFailures,
    });
    await engine.close();
  }

  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)) };
  console.log(`analysis bench: ${UTTERANCES.length} utterances x ${rounds} rounds, audio ${audioS.toFixed(1)} s from ${source}`);
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadavg.join(' ')}`);
  console.log(`prosody: ${prosodyMsPerS.toFixed(2)} ms per second of audio (budget 3)`);
  console.table(rows);
  for (const n of notes) console.log(`note: ${n}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/analysis.json', JSON.stringify({
    machine, at: new Date().toISOString(), audioSource: source, audioSeconds: +audioS.toFixed(2), rounds,
    prosodyMsPerAudioSecond: +prosodyMsPerS.toFixed(3), budgetP95Ms: 150, rows, notes,
  }, null, 2) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
