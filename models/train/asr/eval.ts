// WER and real-time factor of the TypeScript embedded engine (the code the server runs).
//   node --import tsx models/train/asr/eval.ts --set heldout|heldout8k|realspeech|devsynth [--limit N]
//        [--model models/asr-embedded] [--lm lm.json] [--alpha 0.5 --beta 1.0 --beam-width 8 --oov -2.5 --char-prune -8] [--out file.json]
//        [--grid 0.6:1.0,0.8:1.5:64]   (pooled beam WER for each LM weight:word bonus[:beam width], on the same log-probs)
// Lists come from eval_sets.py. Audio is fed in 160 ms pieces like a live stream; greedy WER is the
// greedy CTC decoding of the final's log-probs, beam WER runs the LM beam search on the same log-probs (with
// --beam-width etc.), engine WER is the engine's own final (its default decoding). RTF = engine wall time / audio
// duration with ONE inference worker (one core), measured on a shared, busy machine; beamMs = the beam search's
// time per utterance (median, p95), which adds to the final's latency.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { beamSearch, defaultBeamOptions, type WordLm } from '../../../src/asr/embedded/ctc-beam.ts';
import { emissionsToResult, GreedyCtcDecoder } from '../../../src/asr/embedded/ctc-greedy.ts';
import { loadEmbeddedEngine } from '../../../src/asr/embedded/index.ts';
import { mulawDecode, readWav16 } from './eval-audio.ts';

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: 'heldout' }, limit: { type: 'string' }, model: { type: 'string', default: 'models/asr-embedded' },
    alpha: { type: 'string' }, beta: { type: 'string' }, lm: { type: 'string' }, grid: { type: 'string' }, 'beam-width': { type: 'string' }, oov: { type: 'string' }, 'char-prune': { type: 'string' }, out: { type: 'string' },
  },
});
const here = new URL('.', import.meta.url).pathname;
interface Item { id: string; wav: string; ul?: string; ref: string; group: string }
let items = readFileSync(`${here}work/eval/${args.set}.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Item);
if (args.limit) {
  // an even spread over the list (it is ordered by sentence, then voice)
  const n = Number(args.limit);
  const step = items.length / n;
  items = Array.from({ length: Math.min(n, items.length) }, (_, i) => items[Math.floor(i * step)]);
}

/** 8 kHz -> 16 kHz the way the server does it: src/audio/resample.ts if it exists, else sox `rate -v`. */
async function upsampler(): Promise<{ name: string; run: (x8: Float32Array, item: Item) => Float32Array }> {
  const g711 = new URL('../../../src/audio/g711.ts', import.meta.url);
  if (existsSync(g711)) {
    const mod = await import(g711.href) as { decodeMulaw?: (b: Uint8Array) => Float32Array };
    if (typeof mod.decodeMulaw === 'function') decodeUlaw = mod.decodeMulaw;
  }
  const path = new URL('../../../src/audio/resample.ts', import.meta.url);
  if (existsSync(path)) {
    const mod = await import(path.href) as Record<string, unknown>;
    const fn = (mod.resample ?? mod.resampleLinear) as ((x: Float32Array, from: number, to: number) => Float32Array) | undefined;
    if (typeof fn === 'function') return { name: 'src/audio/resample.ts', run: (x8) => fn(x8, 8000, 16000) };
  }
  return { name: 'sox rate -v 16000', run: (_x8, item) => readWav16(item.wav) };
}

function wordErrors(ref: string[], hyp: string[]): number {
  let d = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const nd = [i];
    for (let j = 1; j <= hyp.length; j++) nd[j] = Math.min(d[j] + 1, nd[j - 1] + 1, d[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    d = nd;
  }
  return d[hyp.length];
}

const modelDir = args.model!;
// --lm: e.g. an LM built without the dev sentences (lm.py --without-dev), to tune the beam weights on dev sets
const lmPath = args.lm ?? `${modelDir}/lm.json`;
const lm = existsSync(lmPath) ? JSON.parse(readFileSync(lmPath, 'utf8')) as WordLm : undefined;
const grid = (args.grid ?? '').split(',').filter(Boolean).map((entry) => entry.split(':').map(Number) as [number, number, number?]);
const gridErrors = grid.map(() => 0);
const beamOpts = {
  ...defaultBeamOptions,
  ...(args.alpha ? { lmWeight: Number(args.alpha) } : {}),
  ...(args.beta ? { wordBonus: Number(args.beta) } : {}),
  ...(args['beam-width'] ? { beamWidth: Number(args['beam-width']) } : {}),
  ...(args.oov ? { oovCharLogProb: Number(args.oov) } : {}),
  ...(args['char-prune'] ? { charPrune: Number(args['char-prune']) } : {}),
};
let lastLp: { lp: Float32Array; frames: number } | null = null;
const engine = await loadEmbeddedEngine({ modelDir, workers: 1, onFinalLogprobs: (lp, frames) => { lastLp = { lp, frames } } });
const config = JSON.parse(readFileSync(`${modelDir}/config.json`, 'utf8'));
const beamDecode = (c: { lp: Float32Array; frames: number }, opts: typeof beamOpts): string =>
  emissionsToResult(beamSearch(c.lp, c.frames, config.alphabet, config.blank, lm!, opts), 40).text;
const errorsIn = (ref: string[], text: string): number => wordErrors(ref, text.split(' ').filter(Boolean));
let decodeUlaw: (b: Uint8Array) => Float32Array = mulawDecode;
const up = args.set === 'heldout8k' ? await upsampler() : null;

const groups = new Map<string, { words: number; greedy: number; beam: number; engine: number; n: number }>();
const beamMs: number[] = [];
let audioSec = 0;
let engineMs = 0;
const examples: Array<{ id: string; ref: string; greedy: string; beam: string }> = [];
// lag of the first/last emitted word behind the speech onset/offset (energy within 35 dB of the peak)
const startLagMs: number[] = [];
const endLagMs: number[] = [];
function speechSpan(x: Float32Array): [number, number] {
  const rms: number[] = [];
  for (let at = 0; at + 160 <= x.length; at += 160) {
    let e = 0;
    for (let i = at; i < at + 160; i++) e += x[i] * x[i];
    rms.push(Math.sqrt(e / 160));
  }
  const floor = Math.max(...rms) * 10 ** (-35 / 20);
  const first = rms.findIndex((r) => r > floor);
  let last = rms.length - 1;
  while (last > 0 && rms[last] <= floor) last--;
  return [first * 10, (last + 1) * 10];
}
for (const item of items) {
  const audio = up && item.ul ? up.run(decodeUlaw(readFileSync(item.ul)), item) : readWav16(item.wav);
  audioSec += audio.length / 16000;
  const stream = engine.createStream();
  const t0 = performance.now();
  for (let at = 0; at < audio.length; at += 2560) stream.accept(audio.subarray(at, at + 2560));
  const final = await stream.finish();
  engineMs += performance.now() - t0;
  stream.close();
  const captured = lastLp as { lp: Float32Array; frames: number } | null;
  let greedyText = final.text;
  let beamText = final.text;
  if (captured) {
    const dec = new GreedyCtcDecoder(config.alphabet, config.blank);
    dec.push(captured.lp, captured.frames);
    greedyText = emissionsToResult(dec.emissions, 40).text;
    if (lm) {
      const tb = performance.now();
      beamText = beamDecode(captured, beamOpts);
      beamMs.push(performance.now() - tb);
    }
  }
  const ref = item.ref.split(' ').filter(Boolean);
  if (captured && lm) grid.forEach(([lmWeight, wordBonus, width], k) => { gridErrors[k] += errorsIn(ref, beamDecode(captured, { ...beamOpts, lmWeight, wordBonus, beamWidth: width ?? beamOpts.beamWidth })) });
  const words = final.words ?? [];
  if (words.length > 0) {
    const [on, off] = speechSpan(audio);
    startLagMs.push(words[0].start * 1000 - on);
    endLagMs.push(words[words.length - 1].end * 1000 - off);
  }
  const g = groups.get(item.group) ?? { words: 0, greedy: 0, beam: 0, engine: 0, n: 0 };
  g.words += ref.length;
  g.greedy += errorsIn(ref, greedyText);
  g.engine += errorsIn(ref, final.text);
  g.beam += errorsIn(ref, beamText);
  g.n++;
  groups.set(item.group, g);
  if (examples.length < 6) examples.push({ id: item.id, ref: item.ref, greedy: greedyText, beam: beamText });
}
await engine.close();

let words = 0, greedy = 0, beam = 0, engineErrors = 0;
const perGroup: Record<string, { n: number; werGreedy: number; werBeam: number }> = {};
for (const [name, g] of [...groups.entries()].sort()) {
  words += g.words; greedy += g.greedy; beam += g.beam; engineErrors += g.engine;
  perGroup[name] = { n: g.n, werGreedy: round(g.greedy / g.words), werBeam: round(g.beam / g.words) };
}
function percentile(xs: number[], q: number): number { const s = [...xs].sort((a, b) => a - b); return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(s.length * q))]) : NaN }
const median = (xs: number[]): number => percentile(xs, 0.5);
function round(x: number): number { return Math.round(x * 1000) / 1000 }
const groupMean = (k: 'werGreedy' | 'werBeam'): number => round(Object.values(perGroup).reduce((s, g) => s + g[k], 0) / Object.keys(perGroup).length);
const gridResults = lm ? grid.map(([lmWeight, wordBonus, width], k) => ({ lmWeight, wordBonus, beamWidth: width ?? beamOpts.beamWidth, werBeam: round(gridErrors[k] / words) })) : [];
if (gridResults.length > 0) console.table(gridResults);
const summary = {
  set: args.set, utterances: items.length, audioMinutes: round(audioSec / 60), upsampler: up?.name,
  werGreedy: round(greedy / words), werBeam: round(beam / words), werEngine: round(engineErrors / words), meanGroupWerGreedy: groupMean('werGreedy'), meanGroupWerBeam: groupMean('werBeam'),
  rtfOneWorker: round(engineMs / 1000 / audioSec), beamMsMedian: median(beamMs), beamMsP95: percentile(beamMs, 0.95),
  firstWordStartLagMedianMs: median(startLagMs), lastWordEndLagMedianMs: median(endLagMs), beam: beamOpts, lm: lmPath, grid: gridResults, perGroup, examples,
  machine: execFileSync('uname', ['-m']).toString().trim(),
};
console.log(JSON.stringify(summary, null, 1));
if (args.out) writeFileSync(args.out, JSON.stringify(summary, null, 1));
