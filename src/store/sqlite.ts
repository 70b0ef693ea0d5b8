import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AssistEvent, HistoryEvent } from '../events.ts';
import { MIGRATIONS } from './migrations.ts';
import type { CallRow, CallStore } from './types.ts';

// Embedded store: SQLite in WAL mode. publish() writes synchronously: with WAL and synchronous=NORMAL a
// committed write survives the process being killed (only an OS crash can lose the last transactions).

export class SqliteStore implements CallStore {
  private readonly db: Database.Database;
  private readonly stmt: Record<string, Database.Statement>;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    const d = this.db;
    this.stmt = {
      insertEvent: d.prepare('INSERT INTO events (call_id, seq, type, t, body) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE call_id = ?), ?, ?, ?)'),
      insertCall: d.prepare('INSERT OR IGNORE INTO calls (call_id, agent_id, customer_id, source, started_at) VALUES (?, ?, ?, ?, ?)'),
      upsertCustomer: d.prepare('INSERT INTO customers (customer_id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(customer_id) DO UPDATE SET last_seen = excluded.last_seen'),
      endCall: d.prepare('UPDATE calls SET ended_at = ?, duration_s = ?, summary = ? WHERE call_id = ?'),
      insertUtterance: d.prepare('INSERT OR REPLACE INTO utterances (utterance_id, call_id, channel, start_s, end_s, text) VALUES (?, ?, ?, ?, ?, ?)'),
      insertAnalysis: d.prepare('INSERT OR REPLACE INTO analyses (utterance_id, call_id, channel, sentiment, sentiment_score, emotion, emotion_score, arousal, intents, life_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertPrompt: d.prepare('INSERT OR REPLACE INTO prompts (prompt_id, call_id, rule, severity, title, t, latency_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      setReason: d.prepare('UPDATE calls SET reason = COALESCE(reason, ?) WHERE call_id = ?'),
      feedback: d.prepare('UPDATE prompts SET feedback = ?, feedback_at = ? WHERE call_id = ? AND prompt_id = ?'),
      getCall: d.prepare('SELECT * FROM calls WHERE call_id = ?'),
      events: d.prepare('SELECT body FROM events WHERE call_id = ? ORDER BY seq'),
      history: d.prepare(`SELECT c.*, (SELECT AVG(a.sentiment_score) FROM analyses a WHERE a.call_id = c.call_id AND a.channel = 'customer') AS sentiment
        FROM calls c WHERE c.customer_id = ? AND c.ended_at IS NOT NULL ORDER BY c.started_at DESC LIMIT ?`),
    };
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sqlite);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
      })();
    }
  }

  publish(ev: AssistEvent): void {
    if (!('callId' in ev) || !ev.callId) return;
    const s = this.stmt;
    this.db.transaction(() => {
      switch (ev.type) {
        case 'call.started':
          s.insertCall.run(ev.callId, ev.agentId, ev.customerId ?? null, ev.source, ev.at);
          if (ev.customerId) s.upsertCustomer.run(ev.customerId, ev.at, ev.at);
          break;
        case 'transcript':
          if (!ev.final) return; // partials are superseded by the final: not kept
          s.insertUtterance.run(ev.utteranceId, ev.callId, ev.channel, ev.start, ev.end, ev.text);
          break;
        case 'analysis': {
          s.insertAnalysis.run(ev.utteranceId, ev.callId, ev.channel, ev.sentiment.label, ev.sentiment.score, ev.emotion.label, ev.emotion.score,
            ev.arousal ?? null, JSON.stringify(ev.intents ?? []), JSON.stringify(ev.lifeEvents ?? []));
          const reason = ev.channel === 'customer' ? (ev.intents?.find((i) => i.name !== 'question')?.name ?? ev.lifeEvents?.[0]?.name) : undefined;
          if (reason) s.setReason.run(reason, ev.callId);
          break;
        }
        case 'prompt':
          s.insertPrompt.run(ev.promptId, ev.callId, ev.rule, ev.severity, ev.title, ev.t, ev.latencyMs, ev.body);
          break;
        case 'call.ended':
          s.endCall.run(Date.now(), ev.summary.durationS, JSON.stringify(ev.summary), ev.callId);
          break;
        case 'vad': case 'history': case 'feedback': case 'error':
          return; // vad edges are summarised in metrics; history is derived; feedback goes through recordFeedback
      }
      if (ev.type !== 'metrics' || Math.round(ev.t) % 5 === 0) {
        s.insertEvent.run(ev.callId, ev.callId, ev.type, 't' in ev ? ev.t : null, JSON.stringify(ev));
      }
    })();
  }

  async flush(): Promise<void> {}

  async getCall(callId: string): Promise<CallRow | null> {
    const r = this.stmt.getCall.get(callId) as Record<string, any> | undefined;
    return r ? toCallRow(r) : null;
  }

  async listCalls(q: { limit?: number; offset?: number; customerId?: string; agentId?: string } = {}): Promise<CallRow[]> {
    const where: string[] = [], args: unknown[] = [];
    if (q.customerId) { where.push('customer_id = ?'); args.push(q.customerId) }
    if (q.agentId) { where.push('agent_id = ?'); args.push(q.agentId) }
    const sql = `SELECT * FROM calls ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY started_at DESC LIMIT ? OFFSET ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 50, q.offset ?? 0) as Array<Record<string, any>>).map(toCallRow);
  }

  async getCallEvents(callId: string): Promise<AssistEvent[]> {
    return (this.stmt.events.all(callId) as Array<{ body: string }>).map((r) => JSON.parse(r.body));
  }

  async getHistory(customerId: string, limit: number): Promise<HistoryEvent['calls']> {
    return (this.stmt.history.all(customerId, limit) as Array<Record<string, any>>).map((r) => ({
      callId: r.call_id, startedAt: r.started_at, durationS: r.duration_s ?? 0, reason: r.reason, outcome: r.outcome,
      sentiment: r.sentiment === null ? null : Math.round(r.sentiment * 1000) / 1000,
    }));
  }

  async recordFeedback(callId: string, promptId: string, action: 'ack' | 'dismiss'): Promise<void> {
    this.stmt.feedback.run(action, Date.now(), callId, promptId);
    this.stmt.insertEvent.run(callId, callId, 'feedback', null, JSON.stringify({ type: 'feedback', callId, promptId, action, at: Date.now() }));
  }

  async setOutcome(callId: string, o: { reason?: string; outcome?: string }): Promise<void> {
    this.db.prepare('UPDATE calls SET reason = COALESCE(?, reason), outcome = COALESCE(?, outcome) WHERE call_id = ?').run(o.reason ?? null, o.outcome ?? null, callId);
  }

  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = Date.now() - days * 86_400_000;
    return this.db.transaction(() => {
      const ids = (this.db.prepare('SELECT call_id FROM calls WHERE started_at < ?').all(cutoff) as Array<{ call_id: string }>).map((r) => r.call_id);
      for (const table of ['events', 'utterances', 'analyses', 'prompts', 'calls']) {
        const del = this.db.prepare(`DELETE FROM ${table} WHERE call_id = ?`);
        for (const id of ids) del.run(id);
      }
      return ids.length;
    })();
  }

  async close(): Promise<void> { this.db.close() }
}

function toCallRow(r: Record<string, any>): CallRow {
  return {
    callId: r.call_id, agentId: r.agent_id, customerId: r.customer_id, source: r.source, startedAt: r.started_at,
    endedAt: r.ended_at, durationS: r.duration_s, reason: r.reason, outcome: r.outcome,
    summary: r.summary ? JSON.parse(r.summary) : null,
  };
}
