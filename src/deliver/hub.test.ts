import { describe, expect, it } from 'vitest';
import { DeliveryHub } from './hub.ts';
import type { AssistEvent } from '../events.ts';
import type { Transport } from './queue.ts';

/** A socket whose network never drains once `stalled` is set: what a frozen desktop looks like to the server. */
class FakeSocket implements Transport {
  sent: any[] = [];
  bufferedAmount = 0;
  stalled = false;
  private pending: Array<() => void> = [];
  send(data: string, cb: (err?: Error) => void): void {
    this.sent.push(JSON.parse(data));
    if (this.stalled) { this.bufferedAmount += data.length; this.pending.push(() => cb()); }
    else queueMicrotask(() => cb());
  }
  unstall(): void { this.stalled = false; this.bufferedAmount = 0; const p = this.pending; this.pending = []; p.forEach((f) => f()); }
}

const started = (callId: string, agentId: string): AssistEvent => ({ type: 'call.started', callId, agentId, source: 'raw', at: 0 });
const metrics = (callId: string, t: number): AssistEvent => ({ type: 'metrics', callId, t, talkRatio: { agent: 0, customer: 0 }, silenceS: 0, overtalkS: 0, agentWpm: 0, sentimentTrend: { agent: 0, customer: 0 } });
const prompt = (callId: string, t: number): AssistEvent => ({ type: 'prompt', callId, promptId: `p${t}`, rule: 'dead-air', severity: 'warn', title: 'x', body: 'y', evidence: {}, t, latencyMs: 1 });
const flush = () => new Promise((r) => setTimeout(r, 120));

describe('DeliveryHub', () => {
  it('sends a desktop only the events of its own agent calls', async () => {
    const hub = new DeliveryHub();
    const a = new FakeSocket(), b = new FakeSocket(), sup = new FakeSocket();
    hub.subscribe('desktop', a, 'agent-a'); hub.subscribe('desktop', b, 'agent-b'); hub.subscribe('supervisor', sup);
    hub.publish(started('c1', 'agent-a')); hub.publish(metrics('c1', 1));
    hub.publish(started('c2', 'agent-b')); hub.publish(prompt('c2', 2));
    await flush();
    expect(a.sent.map((e) => e.callId)).toEqual(['c1', 'c1']);
    expect(b.sent.map((e) => e.type)).toEqual(['call.started', 'prompt']);
    expect(sup.sent).toHaveLength(4);
  });

  it('a late desktop first gets call.started of its running calls', async () => {
    const hub = new DeliveryHub();
    hub.publish(started('c1', 'agent-a'));
    const a = new FakeSocket();
    hub.subscribe('desktop', a, 'agent-a');
    await flush();
    expect(a.sent[0]).toMatchObject({ type: 'call.started', callId: 'c1' });
  });

  it('a stalled desktop never blocks publish; the queue sheds metrics before prompts and counts drops', async () => {
    let drops = 0;
    const hub = new DeliveryHub(10, () => drops++);
    const slow = new FakeSocket(), fast = new FakeSocket();
    hub.subscribe('desktop', slow, 'agent-a'); hub.subscribe('desktop', fast, 'agent-a');
    hub.publish(started('c1', 'agent-a'));
    slow.stalled = true;
    slow.bufferedAmount = 10 * 1024 * 1024; // the socket's send buffer is full
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) hub.publish(i % 50 === 0 ? prompt('c1', i) : metrics('c1', i));
    expect(performance.now() - t0).toBeLessThan(200);
    await flush();
    expect(fast.sent).toHaveLength(501);
    expect(drops).toBeGreaterThan(0);
    slow.unstall();
    await flush();
    const prompts = slow.sent.filter((e) => e.type === 'prompt');
    expect(prompts).toHaveLength(10); // all 10 prompts survived the overflow
  });
});
