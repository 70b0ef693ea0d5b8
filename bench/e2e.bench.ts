// Speech-end (or silence) to prompt-received latency, measured from outside at the desktop socket, for 1, 5
// and 10 concurrent calls streamed at real-time pace over /v1/stream with the real models.
// Usage: npm run bench -- e2e   (AGENT_ASSIST_ASR_ENGINE selects the engine, AGENT_ASSIST_ASR_POCKETSPHINX_PROFILE=fast
// the PocketSphinx search profile, AGENT_ASSIST_ASR_OVERFLOW_ENGINE=none turns the live overload policy off;
// CALLS=1,5 to limit). Rows of other engines or call counts already in e2e.json are kept.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { desktop, readWavBytes, startServer, streamWav } from '../test/integration/harness.ts';

const FIXTURES = 'fixtures/calls';
const TIME_RULES = new Set(['dead-air', 'agent-monologue', 'disclosure-missing', 'overtalk']);

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}

interface Slow { ms: number; rule: string; call: string; t: number; serverMs: number }

async function runConcurrent(wsUrl: string, n: number, files: string[]): Promise<{ latencies: number[]; prompts: number; finals: number; byRule: Record<string, number[]>; slowest: Slow[] }> {
  let finalCount = 0;
  const latencies: number[] = [];
  const slow: Slow[] = [];
  const byRule: Record<string, number[]> = {};
  await Promise.all(Array.from({ length: n }, async (_, i) => {
    const file = files[i % files.length];
    const wav = readWavBytes(file);
    const agentId = `bench-agent-${n}-${i}`, callId = `bench-${n}-${i}-${Date.now()}`;
    const d = desktop(wsUrl, agentId);
    await d.opened;
    const sendStart = performance.now();
    await streamWav(wsUrl, wav, { callId, agentId, speed: 1 });
    const events = await d.untilEnded(callId);
    d.close();
    const finals = new Map(events.filter((e: any) => e.type === 'transcript' && e.final).map((e: any) => [e.utteranceId, e.end as number]));
    finalCount += finals.size;
    for (const p of events.filter((e) => e.type === 'prompt') as any[]) {
      // Silence and timing rules fire when a duration is reached, not when their evidence utterance ended
      // (dead-air quotes the last words before a 10 s silence): their moment is the call time they fired at; but
      // they may have waited for a lagging final (dead-air for the hold notice, disclosure-missing for the words),
      // which the server's own latencyMs (trigger audio's arrival to hand-off) counts: the larger of the two.
      const triggerT = TIME_RULES.has(p.rule) ? p.t : (p.evidence?.utteranceId && finals.get(p.evidence.utteranceId)) ?? p.t;
      const outside = p.receivedAt - (sendStart + triggerT * 1000);
      const ms = TIME_RULES.has(p.rule) ? Math.max(outside, p.latencyMs) : outside;
      latencies.push(ms);
      (byRule[p.rule] ??= []).push(ms);
      slow.push({ ms: Math.round(ms), rule: p.rule, call: file.split('/').pop()!, t: p.t, serverMs: p.latencyMs });
    }
  }));
  return { latencies, prompts: latencies.length, finals: finalCount, byRule, slowest: slow.sort((a, b) => b.ms - a.ms).slice(0, 5) };
}

export default async function run(): Promise<void> {
  if (!existsSync(FIXTURES)) throw new Error('no fixture calls: run npm run fixtures:build');
  const files = readdirSync(FIXTURES).filter((f) => /^[a-z-]+\.wav$/.test(f)).map((f) => `${FIXTURES}/${f}`);
  const levels = (process.env.CALLS ?? '1,5,10').split(',').map(Number);
  const server = await startServer();
  const asr = server.app.pipeline.providers.asr.name;
  const overflow = 'fallback' in server.app.pipeline.providers.asr ? `+overflow:${server.app.config.asr.overflowLagMs}ms` : '';
  const engine = (asr === 'pocketsphinx' ? `pocketsphinx:${server.app.config.asr.pocketsphinxProfile}` : asr) + overflow;
  const shedSoFar = async (): Promise<number> => {
    const line = (await (await fetch(`${server.url}/metrics`)).text()).split('\n').find((l) => l.startsWith('agent_assist_asr_overflow_utterances_total'));
    return Number(line?.split(' ')[1] ?? 0);
  };
  const rows: Array<Record<string, unknown>> = [];
  try {
    for (const n of levels) {
      const shedBefore = await shedSoFar();
      const r = await runConcurrent(server.wsUrl, n, files);
      rows.push({ calls: n, engine, prompts: r.prompts, finals: r.finals, overflowUtterances: (await shedSoFar()) - shedBefore, p50Ms: Math.round(quantile(r.latencies, 0.5)), p95Ms: Math.round(quantile(r.latencies, 0.95)), p99Ms: Math.round(quantile(r.latencies, 0.99)),
        byRuleP50Ms: Object.fromEntries(Object.entries(r.byRule).map(([k, v]) => [k, Math.round(quantile(v, 0.5))])), slowest: r.slowest });
      console.log(`e2e: ${n} concurrent calls done`);
    }
  } finally { await server.close() }
  console.table(rows.map(({ byRuleP50Ms, slowest, ...r }) => r));
  mkdirSync('bench/results', { recursive: true });
  const path = 'bench/results/e2e.json';
  const earlier = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')).rows as Array<Record<string, unknown>>) : [];
  const kept = earlier.filter((r) => !((r.engine === engine || r.engine === asr) && levels.includes(r.calls as number)));
  writeFileSync(path, JSON.stringify({ machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadAvg: os.loadavg().map((x) => +x.toFixed(2)) },
    at: new Date().toISOString(), rows: [...kept, ...rows.map((r) => ({ ...r, at: new Date().toISOString() }))] }, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
