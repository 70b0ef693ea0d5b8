// Issues 4 and 12: a stereo mu-law 8 kHz fixture call over /v1/stream yields partial then final transcripts
// for both parties on the desktop, with times on the truth turns, for each speech engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCoach } from '../fakes/providers.ts';
import { startServer, type RunningServer } from './harness.ts';
import { runFixture } from './run-fixture.ts';
import { channelWer, expectPartialThenFinalOnTruth } from './transcripts.ts';

// maxWer: regression guards a little above what was measured on 2026-12-04 (embedded with its LM beam:
// 0.43-0.57 per channel; pocketsphinx: 0.23-0.33); the engines' real figures are in their model cards.
describe.each([
  { engine: 'embedded' as const, speed: 4, maxWer: 0.75 },
  { engine: 'pocketsphinx' as const, speed: 2, maxWer: 0.5 },
])('$engine engine', ({ engine, speed, maxWer }) => {
  let server: RunningServer;
  beforeAll(async () => {
    // the coach is faked: this test is about transcripts; analysis runs for real
    server = await startServer({ config: { asr: { engine, overflowEngine: 'none' } }, providers: { coach: new FakeCoach() } });
    expect(server.app.pipeline.providers.asr.name).toBe(engine);
  }, 300_000);
  afterAll(async () => { await server?.close() });

  it.each(['greeting', 'knowledge-question'])('%s: partial then final for both parties on the truth turns', async (name) => {
    const { truth, events } = await runFixture(server, name, speed, engine);
    expectPartialThenFinalOnTruth(events, truth);
    for (const ch of ['customer', 'agent'] as const) {
      const wer = channelWer(events, truth, ch);
      console.log(`${engine} ${name} ${ch} WER ${wer.toFixed(3)}`);
      expect(wer).toBeLessThan(maxWer);
    }
  }, 300_000);
});
