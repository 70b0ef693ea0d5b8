import type { AssistEvent, Channel } from '../events.ts';
import type { Logger } from '../log.ts';
import { CallView } from './call-view.ts';
import { createDetector } from './detectors/index.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { renderTemplate, type RuleConfig } from './rule-pack.ts';
import type { CallCoach, Detector, Finding, PromptDraft } from './types.ts';

// One call's coach: feeds the call view, asks every enabled rule's detector, and turns findings into prompts
// under the rule's cooldown (call time between two prompts of a rule), its per-call cap, and per-call
// de-duplication (one prompt per subject, e.g. per life event or article; else per identical text).
// The cooldown of what was said is measured on the call time of the evidence (the utterance's end), not on when
// the recognizer delivered it: so a live call and a faster-than-real-time replay of it, whose transcripts arrive
// with different delays, get the same prompts. Time-based findings (silence, monologue) use the tick time.

interface ActiveRule { rule: RuleConfig; detector: Detector; lastFiredT: number; fired: number; mutedUntilT: number }

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export class RuleCallCoach implements CallCoach {
  private readonly view: CallView;
  private readonly rules: ActiveRule[];
  private readonly seen = new Set<string>();
  /** promptId -> rule id of the prompts emitted in this call, for the agent's feedback. */
  private readonly promptRules = new Map<string, string>();
  private ended = false;

  constructor(readonly callId: string, rules: readonly RuleConfig[], kb: KnowledgeBase | null, private readonly log?: Logger) {
    this.view = new CallView(callId);
    this.rules = rules.filter((r) => r.enabled)
      .map((rule) => ({ rule, detector: createDetector(rule, kb), lastFiredT: -Infinity, fired: 0, mutedUntilT: -Infinity }));
  }

  onEvent(ev: AssistEvent): PromptDraft[] {
    if (this.ended) return [];
    if (ev.type === 'prompt' || ev.type === 'feedback') { this.onPromptOrFeedback(ev); return [] }
    this.view.apply(ev);
    return this.run((d) => d.onEvent?.(ev, this.view), Math.max(this.view.now, this.view.tickT), false);
  }

  onTick(t: number): PromptDraft[] {
    if (this.ended) return [];
    this.view.tick(t);
    return this.run((d) => d.onTick?.(t, this.view), t, true);
  }

  onFinalPending(channel: Channel, utteranceId: string, start: number): void {
    if (!this.ended) this.view.finalPending(channel, utteranceId, start);
  }

  /** A final came in (after its transcript event): the rules that waited for it judge at the latest tick. */
  onFinalSettled(_channel: Channel, utteranceId: string): PromptDraft[] {
    if (this.ended) return [];
    this.view.finalSettled(utteranceId);
    const t = this.view.tickT;
    return this.run((d) => d.onTick?.(t, this.view), t, true);
  }

  onEnd(t: number): PromptDraft[] {
    if (this.ended) return [];
    this.view.tick(t);
    const out = this.run((d) => d.onEnd?.(t, this.view), t, true);
    this.ended = true;
    return out;
  }

  /** Remembers emitted prompts; a dismissal mutes the prompt's rule for its `dismissMuteS` in this call. */
  private onPromptOrFeedback(ev: Extract<AssistEvent, { type: 'prompt' | 'feedback' }>): void {
    if (ev.type === 'prompt') { this.promptRules.set(ev.promptId, ev.rule); return }
    const active = this.rules.find((r) => r.rule.id === this.promptRules.get(ev.promptId));
    if (ev.action !== 'dismiss' || !active) return;
    active.mutedUntilT = Math.max(this.view.now, this.view.tickT) + active.rule.dismissMuteS;
  }

  /** `timeBased`: findings of a tick, which a detector re-finds on every tick while the situation lasts. */
  private run(ask: (d: Detector) => Finding[] | undefined, t: number, timeBased: boolean): PromptDraft[] {
    const out: PromptDraft[] = [];
    for (const active of this.rules) {
      let findings: Finding[] | undefined;
      try {
        findings = ask(active.detector);
      } catch (err) {
        // One faulty rule must not silence the others.
        this.log?.warn({ callId: this.callId, rule: active.rule.id, err: (err as Error)?.message }, 'coaching rule failed');
        continue;
      }
      for (const f of findings ?? []) {
        const draft = this.admit(active, f, t, timeBased);
        if (draft) out.push(draft);
      }
    }
    return out;
  }

  private admit(active: ActiveRule, f: Finding, t: number, timeBased: boolean): PromptDraft | null {
    const { rule } = active;
    const title = renderTemplate(rule.title, f.vars);
    const body = renderTemplate(rule.body, f.vars);
    const key = `${rule.id}\u0000${f.subject ?? `${title}\u0000${body}\u0000${f.evidence.quote ?? ''}`}`;
    if (this.seen.has(key)) return null;
    const cooldownT = timeBased ? t : Math.min(f.triggerT, t);
    // abs: finals of the two channels may arrive out of order of their evidence times.
    if (Math.abs(cooldownT - active.lastFiredT) < rule.cooldownS || t < active.mutedUntilT) {
      // Cooling down, or muted by the agent's dismissal. A time-based rule re-finds the same silence or
      // monologue on every tick: found now, it is spent, since a prompt about it later would be stale. What was
      // said (a life event, an escalation) may still prompt when said again after the cooldown.
      if (timeBased && f.subject !== undefined) this.seen.add(key);
      return null;
    }
    if (rule.maxPerCall !== undefined && active.fired >= rule.maxPerCall) return null;
    this.seen.add(key);
    active.lastFiredT = cooldownT;
    active.fired++;
    return {
      rule: rule.id, severity: rule.severity, title, body, evidence: { ...f.evidence },
      t: round3(t), triggerT: round3(Math.min(f.triggerT, t)),
    };
  }
}
