import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { RuleCallCoach } from '../../src/coach/call-coach.ts';
import { DEFAULT_KB_DIR, DEFAULT_RULE_PACK_PATH } from '../../src/coach/engine.ts';
import { KnowledgeBase } from '../../src/coach/knowledge-base.ts';
import { validateRulePack, type RuleConfig } from '../../src/coach/rule-pack.ts';
import type { CallCoach, PromptDraft } from '../../src/coach/types.ts';
import type { AnalysisEvent, AssistEvent, Channel, EmotionLabel, Intent, LifeEvent, SentimentLabel, Word } from '../../src/events.ts';

// Scripted call timelines for coach tests: speech turns (VAD speech/silence + a final transcript a little after
// the speech ends, as the recognizer delivers it), analysis results, and a runner that interleaves them with
// 250 ms ticks of call time, exactly as the call session does.

export const CALL_ID = 'call-test';

/** An event, or the session's notice that an utterance's final is pending / settled. */
type Timed = { at: number; ev: AssistEvent }
  | { at: number; pending: { channel: Channel; id: string; start: number } }
  | { at: number; settled: { channel: Channel; id: string } };
export interface SpeechOpts { id?: string; finalDelayS?: number; words?: boolean; partials?: boolean }
export interface AnalysisOpts {
  sentiment?: number; label?: SentimentLabel; emotion?: EmotionLabel; emotionScore?: number;
  intents?: Intent[]; lifeEvents?: LifeEvent[]; delayS?: number;
}

export class CallScript {
  private readonly timed: Timed[] = [];
  private seq = 0;
  private readonly ends = new Map<string, { end: number; channel: Channel }>();

  /** One turn: speech from `start` to `end` (s) with its final transcript `finalDelayS` after the end. */
  say(channel: Channel, start: number, end: number, text: string, opts: SpeechOpts = {}): string {
    const id = opts.id ?? `${CALL_ID}-u${++this.seq}`;
    this.add(start, { type: 'vad', callId: CALL_ID, channel, state: 'speech', t: start });
    this.timed.push({ at: end, pending: { channel, id, start } }); // before the silence, as the session does
    this.add(end, { type: 'vad', callId: CALL_ID, channel, state: 'silence', t: end });
    if (opts.partials) {
      this.add(Math.min(end, start + 0.6), { type: 'transcript', callId: CALL_ID, channel, utteranceId: id,
        text: text.split(' ').slice(0, 3).join(' '), final: false, start, end: Math.min(end, start + 0.6) });
    }
    const words = opts.words ? spreadWords(text, start, end) : undefined;
    this.add(end + (opts.finalDelayS ?? 0.3), { type: 'transcript', callId: CALL_ID, channel, utteranceId: id, text,
      final: true, start, end, ...(words ? { words } : {}) });
    this.timed.push({ at: end + (opts.finalDelayS ?? 0.3), settled: { channel, id } });
    this.ends.set(id, { end: end + (opts.finalDelayS ?? 0.3), channel });
    return id;
  }

  /** Speech without words (VAD only), e.g. overlapping noise or a backchannel the recognizer dropped. */
  vadOnly(channel: Channel, start: number, end: number): void {
    this.add(start, { type: 'vad', callId: CALL_ID, channel, state: 'speech', t: start });
    this.add(end, { type: 'vad', callId: CALL_ID, channel, state: 'silence', t: end });
  }

  /** The analysis of utterance `id`, delivered `delayS` after its final (default 0.2 s). */
  analyse(id: string, o: AnalysisOpts = {}): void {
    const u = this.ends.get(id);
    if (!u) throw new Error(`no utterance ${id}`);
    const score = o.sentiment ?? 0;
    const ev: AnalysisEvent = {
      type: 'analysis', callId: CALL_ID, channel: u.channel, utteranceId: id,
      sentiment: { label: o.label ?? (score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral'), score },
      emotion: { label: o.emotion ?? 'neutral', score: o.emotionScore ?? 0.8 },
      ...(o.intents ? { intents: o.intents } : {}), ...(o.lifeEvents ? { lifeEvents: o.lifeEvents } : {}),
    };
    this.add(u.end + (o.delayS ?? 0.2), ev);
  }

  /** A customer turn with its analysis: the common case in mood tests. */
  customer(start: number, end: number, text: string, o: AnalysisOpts = {}): string {
    const id = this.say('customer', start, end, text);
    this.analyse(id, o);
    return id;
  }

  /** Runs the script through a coach up to `endT`, ticking every 250 ms; returns every prompt. */
  run(coach: CallCoach, endT: number, opts: { end?: boolean } = {}): PromptDraft[] {
    const events = [...this.timed].sort((a, b) => a.at - b.at);
    const out: PromptDraft[] = [];
    let i = 0;
    for (let k = 1; k * 0.25 <= endT + 1e-9; k++) {
      const t = k * 0.25;
      while (i < events.length && events[i].at <= t) out.push(...deliver(coach, events[i++]));
      out.push(...coach.onTick(t));
    }
    while (i < events.length) out.push(...deliver(coach, events[i++]));
    if (opts.end !== false) out.push(...coach.onEnd(endT));
    return out;
  }

  private add(at: number, ev: AssistEvent): void { this.timed.push({ at, ev }) }
}

function deliver(coach: CallCoach, x: Timed): PromptDraft[] {
  if ('ev' in x) return coach.onEvent(x.ev);
  if ('pending' in x) { coach.onFinalPending?.(x.pending.channel, x.pending.id, x.pending.start); return [] }
  return coach.onFinalSettled?.(x.settled.channel, x.settled.id) ?? [];
}

function spreadWords(text: string, start: number, end: number): Word[] {
  const ws = text.split(/\s+/).filter(Boolean);
  const step = (end - start) / ws.length;
  return ws.map((w, i) => ({ w, start: start + i * step, end: start + (i + 1) * step }));
}

let kbCache: KnowledgeBase | null = null;
export async function sampleKb(): Promise<KnowledgeBase> {
  return (kbCache ??= await KnowledgeBase.load(DEFAULT_KB_DIR));
}

/** The default pack's raw YAML data (so tests can change one threshold and re-validate). */
export function defaultPackData(): { version: 1; rules: Array<Record<string, unknown>> } {
  return parseYaml(readFileSync(DEFAULT_RULE_PACK_PATH, 'utf8'));
}

/**
 * Rules of the default pack: only `ids` (so a test about one rule is not disturbed by the others), with
 * `changes` merged into rule `ids[0]`.
 */
export function rules(ids: string[], changes: Record<string, unknown> = {}): RuleConfig[] {
  const data = defaultPackData();
  data.rules = data.rules.filter((r) => ids.includes(String(r.id)))
    .map((r) => (r.id === ids[0] ? { ...r, ...changes } : r));
  return validateRulePack(data, 'test').rules;
}

export function coachFor(ids: string[], changes: Record<string, unknown> = {}, kb: KnowledgeBase | null = null): RuleCallCoach {
  return new RuleCallCoach(CALL_ID, rules(ids, changes), kb);
}

/** The agent's opening with the recording disclosure, so a timeline is not about disclosure unless it says so. */
export function opening(s: CallScript, at = 0.5): string {
  return s.say('agent', at, at + 4.5, 'thank you for calling northwind this call may be recorded for quality and training how can i help');
}
