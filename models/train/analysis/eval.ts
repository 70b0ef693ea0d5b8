// `npm run eval:analysis`: runs the embedded text classifier (and the lexicon fallback beside it) over the
// held-out set (models/train/analysis/heldout.jsonl, written apart from the training data), prints sentiment and
// emotion macro-F1 with confusion matrices and per-utterance latency, and writes bench/results/eval-analysis.json.
// Goals: sentiment macro-F1 >= 0.80, emotion macro-F1 >= 0.65.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEmbeddedClassifier } from '../../../src/analysis/classifier/embedded.ts';
import { createLexiconClassifier } from '../../../src/analysis/classifier/lexicon.ts';
import { EMOTION_LABELS, SENTIMENT_LABELS } from '../../../src/analysis/classifier/result.ts';
import type { TextClassifier } from '../../../src/analysis/types.ts';
import { formatConfusion, score, type Scores } from './metrics.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const GOALS = { sentimentMacroF1: 0.8, emotionMacroF1: 0.65 };

interface Row { text: string; sentiment: string; emotion: string; source: string }

interface EngineResult {
  engine: string; n: number; sentiment: Scores; emotion: Scores;
  bySource: Record<string, { n: number; sentimentMacroF1: number; emotionMacroF1: number }>;
  latencyMs: { mean: number; p50: number; p95: number };
}

async function run(classifier: TextClassifier, rows: Row[]): Promise<EngineResult> {
  for (const r of rows.slice(0, 20)) await classifier.classify(r.text); // warm-up
  const ps: string[] = [], pe: string[] = [], ms: number[] = [];
  for (const r of rows) {
    const t0 = performance.now();
    const out = await classifier.classify(r.text);
    ms.push(performance.now() - t0);
    ps.push(out.sentiment.label); pe.push(out.emotion.label);
  }
  const bySource: EngineResult['bySource'] = {};
  for (const src of [...new Set(rows.map((r) => r.source))]) {
    const ix = rows.map((r, i) => (r.source === src ? i : -1)).filter((i) => i >= 0);
    bySource[src] = {
      n: ix.length,
      sentimentMacroF1: score(SENTIMENT_LABELS, ix.map((i) => rows[i].sentiment), ix.map((i) => ps[i])).macroF1,
      emotionMacroF1: score(EMOTION_LABELS, ix.map((i) => rows[i].emotion), ix.map((i) => pe[i])).macroF1,
    };
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    engine: classifier.name, n: rows.length,
    sentiment: score(SENTIMENT_LABELS, rows.map((r) => r.sentiment), ps),
    emotion: score(EMOTION_LABELS, rows.map((r) => r.emotion), pe),
    bySource,
    latencyMs: {
      mean: ms.reduce((a, b) => a + b, 0) / ms.length,
      p50: sorted[Math.floor(sorted.length * 0.5)], p95: sorted[Math.floor(sorted.length * 0.95)],
    },
  };
}

function print(r: EngineResult): void {
  const f = (x: number) => x.toFixed(3);
  console.log(`\n== ${r.engine} (${r.n} held-out utterances)`);
  console.log(`sentiment macro-F1 ${f(r.sentiment.macroF1)}  accuracy ${f(r.sentiment.accuracy)}`);
  console.log(formatConfusion(SENTIMENT_LABELS, r.sentiment.confusion));
  console.log(`emotion macro-F1 ${f(r.emotion.macroF1)}  accuracy ${f(r.emotion.accuracy)}`);
  console.log(formatConfusion(EMOTION_LABELS, r.emotion.confusion));
  console.log('per emotion F1: ' + r.emotion.perClass.map((c) => `${c.label} ${f(c.f1)}`).join(', '));
  for (const [src, s] of Object.entries(r.bySource)) {
    console.log(`${src.padEnd(14)} n=${s.n} sentiment F1 ${f(s.sentimentMacroF1)} emotion F1 ${f(s.emotionMacroF1)}`);
  }
  console.log(`latency per utterance: mean ${r.latencyMs.mean.toFixed(3)} ms, p50 ${r.latencyMs.p50.toFixed(3)} ms, p95 ${r.latencyMs.p95.toFixed(3)} ms`);
}

async function main(): Promise<void> {
  const rows: Row[] = readFileSync(join(HERE, 'heldout.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const modelDir = process.env.ANALYSIS_MODEL_DIR ?? join(ROOT, 'models/analysis-embedded');
  const engines = [await loadEmbeddedClassifier({ modelDir }), createLexiconClassifier()];
  const results: EngineResult[] = [];
  for (const e of engines) {
    const r = await run(e, rows);
    print(r);
    results.push(r);
    await e.close();
  }
  const embedded = results[0];
  const pass = embedded.sentiment.macroF1 >= GOALS.sentimentMacroF1 && embedded.emotion.macroF1 >= GOALS.emotionMacroF1;
  console.log(`\ngoals (embedded): sentiment >= ${GOALS.sentimentMacroF1}, emotion >= ${GOALS.emotionMacroF1}: ${pass ? 'MET' : 'NOT MET'}`);
  const out = join(ROOT, 'bench/results/eval-analysis.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({
    at: new Date().toISOString(), machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    heldout: 'models/train/analysis/heldout.jsonl', goals: GOALS, goalsMet: pass, results,
  }, null, 1) + '\n');
  console.log(`wrote ${out}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
