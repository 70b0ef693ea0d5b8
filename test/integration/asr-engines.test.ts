// Issues 4 and 12: a stereo mu-law 8 kHz fixture call over /v1/stream yields partial then final transcripts
// for both parties on the desktop, with times on the truth turns, for each speech engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCoach } from '../fakes/providers.ts';
import { startServer, type RunningServer } from './harness.ts';
import { runFixture } from './run-fixture.ts';
import { channelWer, expectPartialThenFinalOnTruth } from './transcripts.ts';

describe.each([
  { engine: 'embedded' as const, speed: 4 },
  { engine: 'pocketsphinx' as const, speed: 2 },
])('$engine engine', ({ engine, speed }) => {
  let server: RunningServer;
  beforeAll(async () => {
    // the coach is faked: this test is about transcripts; analysis runs for real
    server = await startServer({ config: { asr: { engine } }, providers: { coach: new FakeCoach() } });
    expect(server.app.pipeline.providers.asr.name).toBe(engine);
  }, 300_000);
  afterAll(async () => { await server?.close() });

  it.each(['greeting', 'knowledge-question'])('%s: partial then final for both parties on the truth turns', async (name) => {
    const { truth, events } = await runFixture(server, name, speed, engine);
    expectPartialThenFinalOnTruth(events, truth);
    for (const ch of ['customer', 'agent'] as const) {
      const wer = channelWer(events, truth, ch);
      console.log(`${engine} ${name} ${ch} WER ${wer.toFixed(3)}`);
      expect(wer).toBeLessThan(0.9); // recognizable words, not noise (the real figures are in the model cards)
    }
  }, 300_000);
});
