import type { AssistEvent, EventSink, HistoryEvent } from '../events.ts';

export interface CallRow {
  callId: string; agentId: string; customerId: string | null; source: string; startedAt: number;
  endedAt: number | null; durationS: number | null; reason: string | null; outcome: string | null;
  summary: Record<string, unknown> | null;
}

/**
 * The call store. publish() is the EventSink the pipeline writes through: it stores each event as it happens
 * (so a process killed mid-call keeps everything up to then). Reads are async so SQLite and PostgreSQL fit.
 */
export interface CallStore extends EventSink {
  publish(ev: AssistEvent): void;
  /** Resolves when every published event is durable. */
  flush(): Promise<void>;
  getCall(callId: string): Promise<CallRow | null>;
  listCalls(q?: { limit?: number; offset?: number; customerId?: string; agentId?: string }): Promise<CallRow[]>;
  getCallEvents(callId: string): Promise<AssistEvent[]>;
  getHistory(customerId: string, limit: number): Promise<HistoryEvent['calls']>;
  recordFeedback(callId: string, promptId: string, action: 'ack' | 'dismiss'): Promise<void>;
  setOutcome(callId: string, o: { reason?: string; outcome?: string }): Promise<void>;
  purgeOlderThan(days: number): Promise<number>;
  close(): Promise<void>;
}
