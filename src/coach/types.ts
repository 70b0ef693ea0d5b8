import type { AssistEvent, Channel, Severity } from '../events.ts';
import type { CallView } from './call-view.ts';

// Shapes shared by the engine, the per-call coach and the detectors. PromptDraft and CallCoach are the contract
// with the call pipeline (structurally the same as src/call/providers.ts).

export interface PromptDraft {
  rule: string; severity: Severity; title: string; body: string;
  evidence: { utteranceId?: string; quote?: string };
  /** Call time (s) at which the prompt fires. */
  t: number;
  /** Call time (s) of the end of the speech or silence that triggered it (the pipeline turns it into latencyMs). */
  triggerT: number;
}

export interface CallCoach {
  /** Feed every event of the call (vad, transcript (final and partial), analysis, metrics); returns prompts to emit now. */
  onEvent(ev: AssistEvent): PromptDraft[];
  /** Called at least every 250 ms of call time with the current call time (s); time-based rules fire here. */
  onTick(t: number): PromptDraft[];
  /** Call ended: any last judgements (e.g. disclosure never said in a short call). */
  onEnd(t: number): PromptDraft[];
  /** The speech of utterance `utteranceId` (started at call time `start`, s) ended; its final is being decoded. */
  onFinalPending?(channel: Channel, utteranceId: string, start: number): void;
  /** That utterance's final was delivered (or was empty, or failed): rules waiting for it may judge now. */
  onFinalSettled?(channel: Channel, utteranceId: string): PromptDraft[];
}

/** What a detector reports; the call coach applies cooldown and de-duplication and renders the text. */
export interface Finding {
  /** Identity of what was found within the call (a silence's start, a life event's name, an article id). Two
   *  findings of one rule with the same subject are the same prompt and the second is dropped. */
  subject?: string;
  /** Values for the rule's title/body placeholders, e.g. {seconds} or {quote}. */
  vars: Record<string, string | number>;
  evidence: { utteranceId?: string; quote?: string };
  triggerT: number;
}

/** One rule's detector for one call. Each hook sees the call view already updated with the event. */
export interface Detector {
  onEvent?(ev: AssistEvent, view: CallView): Finding[];
  onTick?(t: number, view: CallView): Finding[];
  onEnd?(t: number, view: CallView): Finding[];
}
