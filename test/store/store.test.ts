// The same behaviour from both stores: SQLite (always) and PostgreSQL (a throwaway local cluster).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CallStore } from '../../src/store/index.ts';
import type { AssistEvent } from '../../src/events.ts';
import { postgresBinDir, startPostgres } from './pg-server.ts';

function callEvents(callId: string, customerId: string, at: number): AssistEvent[] {
  return [
    { type: 'call.started', callId, agentId: 'agent-1', customerId, source: 'raw', at },
    { type: 'vad', callId, channel: 'customer', state: 'speech', t: 1 },
    { type: 'transcript', callId, channel: 'customer', utteranceId: `${callId}-u1`, text: 'i want to', final: false, start: 1, end: 1.5 },
    { type: 'transcript', callId, channel: 'customer', utteranceId: `${callId}-u1`, text: 'i want to cancel my contract card [CARD]', final: true, start: 1, end: 3 },
    { type: 'analysis', callId, channel: 'customer', utteranceId: `${callId}-u1`, sentiment: { label: 'negative', score: -0.6 }, emotion: { label: 'frustration', score: 0.7 },
      intents: [{ name: 'escalation.cancel', quote: 'cancel my contract' }] },
    { type: 'prompt', callId, promptId: `${callId}-p1`, rule: 'escalation-risk', severity: 'urgent', title: 'Cancellation risk', body: 'Offer retention', evidence: { utteranceId: `${callId}-u1` }, t: 3.1, latencyMs: 120 },
    { type: 'metrics', callId, t: 5, talkRatio: { agent: 0.4, customer: 0.6 }, silenceS: 1, overtalkS: 0, agentWpm: 150, sentimentTrend: { agent: 0, customer: -0.6 } },
    { type: 'call.ended', callId, t: 10, summary: { durationS: 10, talkRatio: { agent: 0.4, customer: 0.6 }, silenceS: 1, overtalkS: 0, utterances: 1, prompts: { 'escalation-risk': 1 }, sentiment: { customerStart: -0.6, customerEnd: -0.6, agentMean: null } } },
  ];
}

const backends: Array<{ name: string; open: () => Promise<{ store: CallStore; done: () => void }> }> = [
  { name: 'sqlite', open: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    return { store: await openStore({ sqlitePath: join(dir, 'calls.db') }), done: () => rmSync(dir, { recursive: true, force: true }) };
  } },
];
if (postgresBinDir()) {
  let pg: ReturnType<typeof startPostgres>;
  backends.push({ name: 'postgres', open: async () => { pg = startPostgres(); return { store: await openStore({ url: pg.url }), done: () => pg.stop() } } });
} else {
  console.warn('store tests: PostgreSQL is not installed (Debian package postgresql); only SQLite is tested');
}

describe.each(backends)('$name store', ({ open }) => {
  let store: CallStore, done: () => void;
  beforeAll(async () => { ({ store, done } = await open()) });
  afterAll(async () => { await store?.close(); done?.() });

  it('keeps a call: row, finals (not partials), analysis, prompts and the event record', async () => {
    for (const ev of callEvents('c1', 'cust-9', Date.now() - 60_000)) store.publish(ev);
    await store.flush();
    const call = await store.getCall('c1');
    expect(call).toMatchObject({ callId: 'c1', agentId: 'agent-1', customerId: 'cust-9', durationS: 10, reason: 'escalation.cancel' });
    expect(call!.summary).toMatchObject({ prompts: { 'escalation-risk': 1 } });
    const events = await store.getCallEvents('c1');
    expect(events.map((e) => e.type)).toEqual(['call.started', 'transcript', 'analysis', 'prompt', 'metrics', 'call.ended']);
    expect((events[1] as any).text).toContain('[CARD]');
  });

  it('gives the customer history, newest first, with reason and mean sentiment', async () => {
    for (const ev of callEvents('c2', 'cust-9', Date.now() - 30_000)) store.publish(ev);
    await store.setOutcome('c2', { outcome: 'retained with a discount' });
    const h = await store.getHistory('cust-9', 5);
    expect(h.map((c) => c.callId)).toEqual(['c2', 'c1']);
    expect(h[0]).toMatchObject({ reason: 'escalation.cancel', outcome: 'retained with a discount', sentiment: -0.6, durationS: 10 });
    expect(await store.getHistory('nobody', 5)).toEqual([]);
  });

  it('keeps the agent feedback on a prompt', async () => {
    await store.recordFeedback('c1', 'c1-p1', 'ack');
    const events = await store.getCallEvents('c1');
    expect(events.at(-1)).toMatchObject({ type: 'feedback', promptId: 'c1-p1', action: 'ack' });
  });

  it('lists calls by agent and purges calls older than the retention age', async () => {
    for (const ev of callEvents('old', 'cust-1', Date.now() - 100 * 86_400_000)) store.publish(ev);
    await store.flush();
    expect((await store.listCalls({ agentId: 'agent-1' })).length).toBe(3);
    expect(await store.purgeOlderThan(90)).toBe(1);
    expect(await store.getCall('old')).toBeNull();
    expect(await store.getCallEvents('old')).toEqual([]);
    expect(await store.getCall('c1')).not.toBeNull();
  });
});

describe('openStore', () => {
  it('refuses a URL that is not PostgreSQL', async () => {
    await expect(openStore({ url: 'mysql://x' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
