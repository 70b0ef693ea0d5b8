// Child process of crash.test.ts: opens the store and writes one call's events without end, printing the number
// of each event once the store has it (SQLite: when publish() returns; PostgreSQL: after flush()). The test
// SIGKILLs this process mid-call; no call.ended is ever written.
import { openStore } from '../../src/store/index.ts';
import type { AssistEvent } from '../../src/events.ts';

const [target, callId] = process.argv.slice(2);
const store = await openStore(target.startsWith('postgres') ? { url: target } : { sqlitePath: target });
const postgres = target.startsWith('postgres');

function eventAt(i: number): AssistEvent {
  const t = i * 0.5, utteranceId = `${callId}-u${i}`;
  if (i === 0) return { type: 'call.started', callId, agentId: 'agent-k', customerId: 'cust-k', source: 'raw', at: Date.now() };
  if (i % 3 === 1) return { type: 'transcript', callId, channel: i % 2 ? 'customer' : 'agent', utteranceId, text: `utterance number ${i}`, final: true, start: t, end: t + 0.4 };
  if (i % 3 === 2) return { type: 'analysis', callId, channel: 'customer', utteranceId: `${callId}-u${i - 1}`, sentiment: { label: 'neutral', score: 0 }, emotion: { label: 'neutral', score: 0.5 } };
  return { type: 'prompt', callId, promptId: `${callId}-p${i}`, rule: 'dead-air', severity: 'info', title: 'Silence', body: 'b', evidence: {}, t, latencyMs: 3 };
}

for (let i = 0; ; i++) {
  store.publish(eventAt(i));
  if (postgres) await store.flush();
  process.stdout.write(`${i}\n`);
  if (i % 20 === 0) await new Promise((r) => setImmediate(r));
}
