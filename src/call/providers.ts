import type { AssistEvent, Channel, Severity } from '../events.ts';
import type { AsrEngine } from '../asr/types.ts';
import type { UtteranceAnalysis, UtteranceInput } from '../analysis/types.ts';

// The small interfaces the call session needs from each stage; the real modules (vad/, asr/, analysis/, coach/)
// and the fakes of unit tests both fit them.

export interface VadTransition { state: 'speech' | 'silence'; t: number }
export interface VadChannelStream {
  /** 16 kHz audio in order; the transitions it decided, with t in seconds of channel audio. */
  push(samples16k: Float32Array): Promise<VadTransition[]>;
  /** End of audio: closes an open speech segment. */
  flush(): VadTransition[];
}
export interface VadProvider { createStream(): VadChannelStream }

export interface CallAnalyzer {
  analyze(input: UtteranceInput): Promise<UtteranceAnalysis>;
  /**
   * Redaction alone (fast, synchronous), applied to every transcript before it leaves the server. `atS` is the
   * call time the text ends at: with it, the call's context counts (card groups read after "the card number").
   */
  redact(text: string, atS?: number): string;
  /** The same for a word-timed transcript: each word inside a PII span becomes the placeholder. */
  redactWords(words: string[], atS?: number): string[];
  end(): void;
}
export interface AnalyzerProvider { forCall(callId: string): CallAnalyzer }

export interface PromptDraft {
  rule: string; severity: Severity; title: string; body: string;
  evidence: { utteranceId?: string; quote?: string };
  t: number; triggerT: number;
}
export interface CallCoach {
  onEvent(ev: AssistEvent): PromptDraft[];
  onTick(t: number): PromptDraft[];
  onEnd(t: number): PromptDraft[];
  /** The speech of utterance `utteranceId` (started at call time `start`, s) ended; its final is being decoded. */
  onFinalPending?(channel: Channel, utteranceId: string, start: number): void;
  /** That utterance's final was delivered (or was empty, or failed): rules waiting for it may judge now. */
  onFinalSettled?(channel: Channel, utteranceId: string): PromptDraft[];
}
export interface CoachProvider {
  forCall(callId: string): CallCoach;
  /** Reload the rule pack when its file changes (without a restart). */
  watch?(): unknown;
}

export interface Providers {
  vad: VadProvider;
  asr: AsrEngine;
  analyzer: AnalyzerProvider;
  coach: CoachProvider;
}
