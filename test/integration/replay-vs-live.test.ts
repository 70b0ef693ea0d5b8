// Issue 8: `agent-assist replay --json` on a fixture call prints the same events as a live stream of that call
// over /v1/stream: the same final transcripts, analyses and prompts, in the same order. Both runs start from a
// fresh engine (a new server and a new CLI process), as a QA replay of a recorded call would. What differs by
// nature is left out: partials (their number depends on pacing), wall-clock stamps and latencies.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';
import { runFixture } from './run-fixture.ts';
import { fixturePath } from './truth.ts';

let server: RunningServer;
// The live run goes at 4x real time: the overload policy would move utterances to the embedded engine, which
// replay at --speed max never does (it must give the same output every run). test/integration/overflow.test.ts
// covers the policy.
beforeAll(async () => { server = await startServer({ config: { asr: { overflowEngine: 'none' } } }) }, 300_000);
afterAll(async () => { await server?.close() });

/**
 * The part of the event stream that must not depend on how the audio arrived, sorted: live finals of the two
 * channels interleave by decoding speed, and a prompt's firing time (call time) depends on when its final came.
 */
function essence(events: any[]): string[] {
  const startOf = new Map(events.filter((e) => e.type === 'transcript' && e.final).map((e) => [e.utteranceId, e.start.toFixed(2)]));
  return events.flatMap((e) => {
    if (e.type === 'transcript' && e.final) return [`final ${e.start.toFixed(2)}-${e.end.toFixed(2)} ${e.channel} ${e.text}`];
    if (e.type === 'analysis') return [`analysis ${startOf.get(e.utteranceId)} ${e.channel} ${e.sentiment.label} ${e.emotion.label}`];
    if (e.type === 'prompt') return [`prompt ${e.rule} ${e.evidence?.quote ?? ''}`];
    if (e.type === 'vad') return [`vad ${e.t.toFixed(3)} ${e.channel} ${e.state}`];
    return [];
  }).sort();
}

/**
 * Streams fixture `name` live to `target` at 4x, replays it with `agent-assist replay --json --speed max` (plus
 * `replayArgs`), and expects the same essence, which must contain more than 10 finals and a prompt of `rule`.
 */
async function expectReplayMatchesLive(target: RunningServer, name: string, tag: string, replayArgs: string[], rule: string): Promise<void> {
  const live = await runFixture(target, name, 4, tag);
  const cli = spawnSync(process.execPath, ['bin/agent-assist.mjs', 'replay', '--json', '--speed', 'max', ...replayArgs, fixturePath(name)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(cli.status, cli.stderr).toBe(0);
  const replayed = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const expected = essence(live.events);
  expect(expected.filter((l) => l.startsWith('final')).length).toBeGreaterThan(10);
  expect(expected.some((l) => l.startsWith(`prompt ${rule}`))).toBe(true);
  expect(essence(replayed)).toEqual(expected);
}

describe('replay and live stream of the same call', () => {
  it('give the same finals, analyses and prompts', async () => {
    await expectReplayMatchesLive(server, 'knowledge-question', 'live', [], 'knowledge');
  }, 300_000);

  // The 20x replay path (`--asr embedded`, README "Benchmarks") against a server running the same engine.
  it('give the same finals, analyses and prompts with the embedded engine', async () => {
    const embedded = await startServer({ config: { asr: { engine: 'embedded' } } });
    try {
      await expectReplayMatchesLive(embedded, 'angry-billing', 'live-embedded', ['--asr', 'embedded'], 'customer-anger');
    } finally {
      await embedded.close();
    }
  }, 300_000);
});
