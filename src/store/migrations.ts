// Versioned schema, applied in order at open. A released migration is never edited: add a new one.
export interface Migration { version: number; sqlite: string; postgres: string }

const V1 = `
CREATE TABLE calls (call_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, customer_id TEXT, source TEXT NOT NULL,
  started_at BIGINT NOT NULL, ended_at BIGINT, duration_s REAL, reason TEXT, outcome TEXT, summary TEXT);
CREATE INDEX calls_customer ON calls (customer_id, started_at);
CREATE INDEX calls_started ON calls (started_at);
CREATE TABLE customers (customer_id TEXT PRIMARY KEY, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL);
CREATE TABLE utterances (utterance_id TEXT PRIMARY KEY, call_id TEXT NOT NULL, channel TEXT NOT NULL,
  start_s REAL NOT NULL, end_s REAL NOT NULL, text TEXT NOT NULL);
CREATE INDEX utterances_call ON utterances (call_id, start_s);
CREATE TABLE analyses (utterance_id TEXT PRIMARY KEY, call_id TEXT NOT NULL, channel TEXT NOT NULL, sentiment TEXT NOT NULL,
  sentiment_score REAL NOT NULL, emotion TEXT NOT NULL, emotion_score REAL NOT NULL, arousal REAL, intents TEXT, life_events TEXT);
CREATE INDEX analyses_call ON analyses (call_id);
CREATE TABLE prompts (prompt_id TEXT PRIMARY KEY, call_id TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, title TEXT NOT NULL,
  body TEXT, t REAL NOT NULL, latency_ms INTEGER, feedback TEXT, feedback_at BIGINT);
CREATE INDEX prompts_call ON prompts (call_id);
`;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sqlite: V1 + 'CREATE TABLE events (call_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, t REAL, body TEXT NOT NULL, PRIMARY KEY (call_id, seq));',
    postgres: V1 + 'CREATE TABLE events (call_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, t REAL, body TEXT NOT NULL, PRIMARY KEY (call_id, seq));',
  },
];
