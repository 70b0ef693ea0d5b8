// publish() runs on the call's hot path (the SQLite store writes synchronously, one transaction per event):
// it must stay cheap. Budget: under 0.2 ms per event on average, for a live call's mix of events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssistEvent } from '../../src/events.ts';
import { openStore } from '../../src/store/index.ts';

/** One call's events in the proportions of a live call: partials, vad edges, finals, analyses, metrics each second, prompts. */
function liveCallEvents(callId: string, seconds: number): AssistEvent[] {
  const out: AssistEvent[] = [{ type: 'call.started', callId, agentId: 'a1', customerId: 'c1', source: 'raw', at: Date.now() }];
  for (let s = 0; s < seconds; s++) {
    const channel = s % 8 < 4 ? 'customer' : 'agent', utteranceId = `${callId}-u${Math.floor(s / 4)}`;
    out.push({ type: 'transcript', callId, channel, utteranceId, text: 'so i was looking at my bill', final: false, start: s, end: s + 0.5 });
    out.push({ type: 'transcript', callId, channel, utteranceId, text: 'so i was looking at my bill and', final: false, start: s, end: s + 0.8 });
    if (s % 4 === 3) {
      out.push({ type: 'vad', callId, channel, state: 'silence', t: s + 1 });
      out.push({ type: 'transcript', callId, channel, utteranceId, text: 'so i was looking at my bill and it is wrong again this month', final: true, start: s - 3, end: s + 1 });
      out.push({ type: 'analysis', callId, channel, utteranceId, sentiment: { label: 'negative', score: -0.4 }, emotion: { label: 'frustration', score: 0.6 }, intents: [{ name: 'billing.dispute', quote: 'bill' }] });
    }
    if (s % 20 === 19) out.push({ type: 'prompt', callId, promptId: `${callId}-p${s}`, rule: 'negative-trend', severity: 'warn', title: 'Trend', body: 'b', evidence: { utteranceId }, t: s + 1, latencyMs: 80 });
    out.push({ type: 'metrics', callId, t: s + 1, talkRatio: { agent: 0.4, customer: 0.6 }, silenceS: 3, overtalkS: 0, agentWpm: 150, sentimentTrend: { agent: 0, customer: -0.2 } });
  }
  return out;
}

describe('SQLite store publish cost', () => {
  it('stays under 0.2 ms per event on average (file database, WAL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'publish-cost-'));
    const store = await openStore({ sqlitePath: join(dir, 'calls.db') });
    try {
      for (const ev of liveCallEvents('warm-up', 60)) store.publish(ev);
      const perEventMs: number[] = [];
      for (let call = 0; call < 5; call++) {
        const events = liveCallEvents(`call-${call}`, 600); // a 10-minute call
        const t0 = performance.now();
        for (const ev of events) store.publish(ev);
        perEventMs.push((performance.now() - t0) / events.length);
      }
      perEventMs.sort((a, b) => a - b);
      const median = perEventMs[2];
      console.info(`SQLite publish: median ${(median * 1000).toFixed(1)} µs per event (runs: ${perEventMs.map((v) => (v * 1000).toFixed(1)).join(', ')} µs)`);
      expect(median).toBeLessThan(0.2);
      expect((await store.getCallEvents('call-4')).filter((e) => e.type === 'transcript')).toHaveLength(150);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
