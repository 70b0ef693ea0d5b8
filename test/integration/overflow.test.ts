// Issue 6: the live overload policy. Two fixture calls streamed at once at 8x real time ask PocketSphinx for about
// 16 channels' worth of decoding, far more than 2 cores give: its workers fall behind, and new utterances go to
// the embedded engine (src/asr/overflow.ts) instead of queueing. The truth turns still get their finals, and the
// server counts what it shed on /metrics. (How much sooner prompts arrive is measured by `npm run bench -- e2e`,
// not here: timings on a shared CI machine are not a test.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCoach } from '../fakes/providers.ts';
import { startServer, type RunningServer } from './harness.ts';
import { runFixture } from './run-fixture.ts';
import { expectPartialThenFinalOnTruth } from './transcripts.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ config: { asr: { engine: 'pocketsphinx' } }, providers: { coach: new FakeCoach() } });
}, 300_000);
afterAll(async () => { await server?.close() });

async function overflowCount(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('agent_assist_asr_overflow_utterances_total'));
  return Number(line?.split(' ')[1] ?? NaN);
}

describe('a recognizer that falls behind in live calls', () => {
  it('hands utterances to the embedded engine, and the truth turns still get their finals', async () => {
    expect(server.app.pipeline.providers.asr.name).toBe('pocketsphinx');
    expect(await overflowCount()).toBe(0);
    const runs = await Promise.all(['knowledge-question', 'angry-billing'].map((name) => runFixture(server, name, 8, 'overflow')));
    const shed = await overflowCount();
    console.log(`overflow: ${shed} utterances decoded by the embedded engine`);
    expect(shed).toBeGreaterThan(0);
    // Partials are not checked: at 8x, a lagging engine's partials come after the (rescued) final and are dropped.
    for (const { truth, events } of runs) expectPartialThenFinalOnTruth(events, truth, 0.6, 0);
  }, 300_000);
});
