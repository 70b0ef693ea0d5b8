// QA replay speed: every fixture call through the live pipeline at --speed max, per engine.
// Reports audio seconds processed per wall second (goal: at least 20x real time).
// ENGINES=embedded,pocketsphinx,pocketsphinx:fast (engine[:PocketSphinx search profile][/no-ahead]); `/no-ahead`
// turns off the decode-ahead (src/call/lookahead.ts), to show what it brings.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createPipeline } from '../src/call/pipeline.ts';
import { loadConfig, type ASR_ENGINES } from '../src/config.ts';
import { silentLogger } from '../src/log.ts';
import { CollectingSink, replayRecording } from '../src/replay/run.ts';
import { readWav } from '../src/replay/wav.ts';

export default async function run(): Promise<void> {
  const files = readdirSync('fixtures/calls').filter((f) => /^[a-z-]+\.wav$/.test(f)).map((f) => `fixtures/calls/${f}`);
  const variants = (process.env.ENGINES ?? 'embedded,pocketsphinx,pocketsphinx/no-ahead,pocketsphinx:fast,none').split(',');
  const rows: Array<Record<string, unknown>> = [];
  for (const variant of variants) {
    const [name, option] = variant.split('/');
    const [engine, profile = 'accurate'] = name.split(':') as [(typeof ASR_ENGINES)[number], 'accurate' | 'fast'];
    const pipeline = await createPipeline(loadConfig({ asr: { engine, pocketsphinxProfile: profile } }, {}), silentLogger);
    if (pipeline.providers.asr.name !== engine) { console.log(`replay bench: ${engine} not available, skipped`); await pipeline.close(); continue }
    let audioS = 0, finals = 0;
    const t0 = performance.now();
    for (const file of files) {
      const wav = readWav(file);
      const sink = new CollectingSink();
      await replayRecording(wav, { pipeline, sink, callId: file, speed: 'max', ...(option === 'no-ahead' ? { decodeAheadS: 0 } : {}) });
      audioS += wav.durationS;
      finals += sink.events.filter((e) => e.type === 'transcript' && e.final).length;
    }
    const wallS = (performance.now() - t0) / 1000;
    rows.push({ engine: variant, calls: files.length, audioS: +audioS.toFixed(1), wallS: +wallS.toFixed(1), xRealTime: +(audioS / wallS).toFixed(1), finals });
    await pipeline.close();
  }
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/replay.json', JSON.stringify({ machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version }, at: new Date().toISOString(), rows }, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
