// The public event contract (../shared/DESIGN.md "Events"). Every consumer — desktop socket, supervisor socket,
// `replay --json` lines, the stored call record — sees exactly these JSON shapes.
// Times `start`, `end`, `t` are seconds of call audio from the call's start; `at` is wall-clock epoch ms.

export type Channel = 'agent' | 'customer';
export const CHANNELS: readonly Channel[] = ['customer', 'agent'];
export type Source = 'twilio' | 'audiohook' | 'vonage' | 'audiofork' | 'audiosocket' | 'raw' | 'replay';

export interface Word { w: string; start: number; end: number }

export interface CallStartedEvent {
  type: 'call.started'; callId: string; agentId: string; customerId?: string; source: Source; at: number;
}
export interface VadEvent { type: 'vad'; callId: string; channel: Channel; state: 'speech' | 'silence'; t: number }
export interface TranscriptEvent {
  type: 'transcript'; callId: string; channel: Channel; utteranceId: string; text: string; final: boolean;
  start: number; end: number; words?: Word[];
}
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type EmotionLabel =
  | 'anger' | 'frustration' | 'sadness' | 'anxiety' | 'confusion' | 'gratitude' | 'neutral';
export interface Intent { name: string; quote: string; score?: number }
export interface LifeEvent { name: string; quote: string; score?: number }
export interface AnalysisEvent {
  type: 'analysis'; callId: string; channel: Channel; utteranceId: string;
  sentiment: { label: SentimentLabel; score: number };
  emotion: { label: EmotionLabel; score: number };
  arousal?: number; intents?: Intent[]; lifeEvents?: LifeEvent[];
}
export type Severity = 'info' | 'warn' | 'urgent';
export interface PromptEvent {
  type: 'prompt'; callId: string; promptId: string; rule: string; severity: Severity; title: string; body: string;
  evidence: { utteranceId?: string; quote?: string }; t: number; latencyMs: number;
}
export interface MetricsEvent {
  type: 'metrics'; callId: string; t: number; talkRatio: { agent: number; customer: number };
  silenceS: number; overtalkS: number; agentWpm: number; sentimentTrend: { agent: number; customer: number };
}
export interface CallEndedEvent { type: 'call.ended'; callId: string; t: number; summary: CallSummary }
export interface CallSummary {
  durationS: number; talkRatio: { agent: number; customer: number }; silenceS: number; overtalkS: number;
  utterances: number; prompts: Record<string, number>;
  sentiment: { customerStart: number | null; customerEnd: number | null; agentMean: number | null };
  [extra: string]: unknown;
}
/** Extra, non-contract events a consumer may also receive (history at call start, prompt feedback). */
export interface HistoryEvent {
  type: 'history'; callId: string; customerId: string;
  calls: Array<{ callId: string; startedAt: number; durationS: number; reason: string | null; outcome: string | null; sentiment: number | null }>;
}
export interface FeedbackEvent { type: 'feedback'; callId: string; promptId: string; action: 'ack' | 'dismiss'; at: number }
export interface ErrorEvent { type: 'error'; callId?: string; code: string; message: string }

export type AssistEvent =
  | CallStartedEvent | VadEvent | TranscriptEvent | AnalysisEvent | PromptEvent | MetricsEvent | CallEndedEvent
  | HistoryEvent | FeedbackEvent | ErrorEvent;

/** Anything that consumes the event stream of calls (delivery hub, store, replay printer). */
export interface EventSink { publish(ev: AssistEvent): void }
