import pg from 'pg';
import type { AssistEvent, HistoryEvent } from '../events.ts';
import { MIGRATIONS } from './migrations.ts';
import type { CallRow, CallStore } from './types.ts';

// PostgreSQL store for deployments beyond one machine. publish() stays synchronous for the pipeline: writes
// are chained in order on one client, and flush() waits for the chain.

export class PostgresStore implements CallStore {
  private chain: Promise<void> = Promise.resolve();
  private failures = 0;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const store = new PostgresStore(pool);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock(4242)'); // several processes may start at once
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const done = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query('BEGIN');
        await c.query(m.postgres);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
        await c.query('COMMIT');
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(4242)').catch(() => undefined);
      c.release();
    }
  }

  private q(sql: string, args: unknown[]): Promise<pg.QueryResult> { return this.pool.query(sql, args) }

  publish(ev: AssistEvent): void {
    if (!('callId' in ev) || !ev.callId) return;
    this.chain = this.chain.then(() => this.write(ev as AssistEvent & { callId: string })).catch(() => { this.failures++ });
  }

  get writeFailures(): number { return this.failures }

  private async write(ev: AssistEvent & { callId: string }): Promise<void> {
    switch (ev.type) {
      case 'call.started':
        await this.q('INSERT INTO calls (call_id, agent_id, customer_id, source, started_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING', [ev.callId, ev.agentId, ev.customerId ?? null, ev.source, ev.at]);
        if (ev.customerId) await this.q('INSERT INTO customers (customer_id, first_seen, last_seen) VALUES ($1,$2,$2) ON CONFLICT (customer_id) DO UPDATE SET last_seen = EXCLUDED.last_seen', [ev.customerId, ev.at]);
        break;
      case 'transcript':
        if (!ev.final) return;
        await this.q('INSERT INTO utterances (utterance_id, call_id, channel, start_s, end_s, text) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (utterance_id) DO UPDATE SET text = EXCLUDED.text', [ev.utteranceId, ev.callId, ev.channel, ev.start, ev.end, ev.text]);
        break;
      case 'analysis': {
        await this.q('INSERT INTO analyses (utterance_id, call_id, channel, sentiment, sentiment_score, emotion, emotion_score, arousal, intents, life_events) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (utterance_id) DO NOTHING',
          [ev.utteranceId, ev.callId, ev.channel, ev.sentiment.label, ev.sentiment.score, ev.emotion.label, ev.emotion.score, ev.arousal ?? null, JSON.stringify(ev.intents ?? []), JSON.stringify(ev.lifeEvents ?? [])]);
        const reason = ev.channel === 'customer' ? (ev.intents?.find((i) => i.name !== 'question')?.name ?? ev.lifeEvents?.[0]?.name) : undefined;
        if (reason) await this.q('UPDATE calls SET reason = COALESCE(reason, $1) WHERE call_id = $2', [reason, ev.callId]);
        break;
      }
      case 'prompt':
        await this.q('INSERT INTO prompts (prompt_id, call_id, rule, severity, title, body, t, latency_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING', [ev.promptId, ev.callId, ev.rule, ev.severity, ev.title, ev.body, ev.t, ev.latencyMs]);
        break;
      case 'call.ended':
        await this.q('UPDATE calls SET ended_at = $1, duration_s = $2, summary = $3 WHERE call_id = $4', [Date.now(), ev.summary.durationS, JSON.stringify(ev.summary), ev.callId]);
        break;
      case 'vad': case 'history': case 'feedback': case 'error':
        return;
    }
    if (ev.type !== 'metrics' || Math.round(ev.t) % 5 === 0) {
      await this.q('INSERT INTO events (call_id, seq, type, t, body) VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE call_id = $1), $2, $3, $4)', [ev.callId, ev.type, 't' in ev ? ev.t : null, JSON.stringify(ev)]);
    }
  }

  async flush(): Promise<void> { await this.chain }

  async getCall(callId: string): Promise<CallRow | null> {
    await this.flush();
    const r = (await this.q('SELECT * FROM calls WHERE call_id = $1', [callId])).rows[0];
    return r ? toCallRow(r) : null;
  }

  async listCalls(q: { limit?: number; offset?: number; customerId?: string; agentId?: string } = {}): Promise<CallRow[]> {
    await this.flush();
    const rows = (await this.q(`SELECT * FROM calls WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR agent_id = $2) ORDER BY started_at DESC LIMIT $3 OFFSET $4`,
      [q.customerId ?? null, q.agentId ?? null, q.limit ?? 50, q.offset ?? 0])).rows;
    return rows.map(toCallRow);
  }

  async getCallEvents(callId: string): Promise<AssistEvent[]> {
    await this.flush();
    return (await this.q('SELECT body FROM events WHERE call_id = $1 ORDER BY seq', [callId])).rows.map((r) => JSON.parse(r.body));
  }

  async getHistory(customerId: string, limit: number): Promise<HistoryEvent['calls']> {
    await this.flush();
    const rows = (await this.q(`SELECT c.*, (SELECT AVG(a.sentiment_score) FROM analyses a WHERE a.call_id = c.call_id AND a.channel = 'customer') AS sentiment
      FROM calls c WHERE c.customer_id = $1 AND c.ended_at IS NOT NULL ORDER BY c.started_at DESC LIMIT $2`, [customerId, limit])).rows;
    return rows.map((r) => ({ callId: r.call_id, startedAt: Number(r.started_at), durationS: r.duration_s ?? 0, reason: r.reason, outcome: r.outcome,
      sentiment: r.sentiment === null ? null : Math.round(Number(r.sentiment) * 1000) / 1000 }));
  }

  async recordFeedback(callId: string, promptId: string, action: 'ack' | 'dismiss'): Promise<void> {
    await this.flush();
    const at = Date.now();
    await this.q('UPDATE prompts SET feedback = $1, feedback_at = $2 WHERE call_id = $3 AND prompt_id = $4', [action, at, callId, promptId]);
    await this.q('INSERT INTO events (call_id, seq, type, t, body) VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE call_id = $1), $2, NULL, $3)',
      [callId, 'feedback', JSON.stringify({ type: 'feedback', callId, promptId, action, at })]);
  }

  async setOutcome(callId: string, o: { reason?: string; outcome?: string }): Promise<void> {
    await this.flush();
    await this.q('UPDATE calls SET reason = COALESCE($1, reason), outcome = COALESCE($2, outcome) WHERE call_id = $3', [o.reason ?? null, o.outcome ?? null, callId]);
  }

  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = Date.now() - days * 86_400_000;
    const ids = (await this.q('SELECT call_id FROM calls WHERE started_at < $1', [cutoff])).rows.map((r) => r.call_id);
    for (const table of ['events', 'utterances', 'analyses', 'prompts', 'calls']) await this.q(`DELETE FROM ${table} WHERE call_id = ANY($1)`, [ids]);
    return ids.length;
  }

  async close(): Promise<void> { await this.flush(); await this.pool.end() }
}

function toCallRow(r: Record<string, any>): CallRow {
  return { callId: r.call_id, agentId: r.agent_id, customerId: r.customer_id, source: r.source, startedAt: Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at), durationS: r.duration_s, reason: r.reason, outcome: r.outcome,
    summary: r.summary ? JSON.parse(r.summary) : null };
}
