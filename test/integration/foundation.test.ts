// Issue 3: a fixture call (stereo mu-law 8 kHz) streamed over /v1/stream, at real-time pace and faster; the
// desktop socket receives vad segments matching the truth turns within 300 ms at each edge, and metrics
// showing the scenario's silence and overtalk. Real server, real sockets, real Silero VAD; no recognizer
// (asr: none) and fakes for analysis and coaching, so the test measures the front end alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, readWavBytes, startServer, streamWav, type RunningServer } from './harness.ts';
import { FakeAnalyzer, FakeCoach } from '../fakes/providers.ts';
import { fixturePath, loadTruth, speechSpans, truthOvertalk, truthSilence, vadSegments } from './truth.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer({ config: { asr: { engine: 'none' } }, providers: { analyzer: new FakeAnalyzer(), coach: new FakeCoach() } }) });
afterAll(async () => { await server?.close() });

/**
 * Every truth span is covered by the VAD segments that overlap it, with the first start and last end within
 * tolerance (a long sentence may be split at a pause inside it), and every VAD segment lies on some truth span
 * (no speech heard in silence).
 */
function expectEdgesMatch(segs: Array<[number, number]>, spans: Array<[number, number]>, tolS: number) {
  for (const [s, e] of spans) {
    const hits = segs.filter(([a, b]) => b > s - tolS && a < e + tolS);
    expect(hits.length, `no VAD segment on the truth span ${s}-${e}`).toBeGreaterThan(0);
    expect(Math.abs(hits[0][0] - s), `start ${hits[0][0]} vs truth ${s}`).toBeLessThanOrEqual(tolS);
    expect(Math.abs(hits.at(-1)![1] - e), `end ${hits.at(-1)![1]} vs truth ${e}`).toBeLessThanOrEqual(tolS);
  }
  for (const [a, b] of segs) {
    expect(spans.some(([s, e]) => b > s - tolS && a < e + tolS), `VAD segment ${a}-${b} lies on no truth turn`).toBe(true);
  }
}

describe.each([
  { name: 'overtalk', speed: 8 },
  { name: 'angry-billing', speed: 8 },
  { name: 'calm', speed: 1 },
])('fixture $name at $speed x real time', ({ name, speed }) => {
  it('desktop gets vad segments on the truth turns and metrics with the silence and overtalk', async () => {
    const truth = loadTruth(name);
    const callId = `found-${name}-${speed}`;
    const d = desktop(server.wsUrl, 'agent-found');
    await d.opened;
    const { closeCode } = await streamWav(server.wsUrl, readWavBytes(fixturePath(name)), { callId, agentId: 'agent-found', speed });
    const events = await d.untilEnded(callId);
    d.close();
    expect(closeCode).toBe(1000);
    expect(events[0]).toMatchObject({ type: 'call.started', callId, source: 'raw' });
    for (const channel of ['customer', 'agent'] as const) {
      expectEdgesMatch(vadSegments(events, channel), speechSpans(truth, channel, 0.45), 0.3);
    }
    const metrics = events.filter((e) => e.type === 'metrics') as any[];
    expect(metrics.length).toBeGreaterThanOrEqual(Math.floor(truth.durationS) - 2);
    const last = metrics.at(-1);
    // Silence is where neither party speaks. The VAD pads each segment (100 ms) and bridges pauses shorter than
    // its hangover (400 ms): the truth is widened the same way before comparing.
    const expected = truthSilence(truth, 0.1, 0.5);
    expect(Math.abs(last.silenceS - expected), `silence ${last.silenceS} vs ${expected}`).toBeLessThanOrEqual(Math.max(1.5, 0.1 * expected));
    const overtalk = truthOvertalk(truth);
    if (overtalk > 1) expect(last.overtalkS).toBeGreaterThan(overtalk * 0.6);
    else expect(last.overtalkS).toBeLessThan(1);
  }, 240_000);
});
