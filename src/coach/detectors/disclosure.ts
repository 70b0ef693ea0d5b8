import { PhraseSpotter } from '../fuzzy-phrase.ts';
import type { CallView } from '../call-view.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector, Finding } from '../types.ts';

// The recording disclosure must be said by the agent within the first `withinS` seconds. An agent may be saying
// it right at the deadline, and its final transcript lags the speech, so the judgement waits (up to `maxGraceS`)
// until the agent is silent and the final of their last speech is in; a finding would otherwise be a false alarm.

type Rule = Extract<RuleConfig, { type: 'disclosure-missing' }>;

export function disclosureMissing(rule: Rule): Detector {
  const spotter = new PhraseSpotter(rule.phrases, { minSimilarity: rule.minSimilarity });
  let settled = false; // said, or judged missing

  const finding = (triggerT: number): Finding[] => {
    settled = true;
    return [{ subject: 'disclosure', vars: { seconds: rule.withinS }, evidence: {}, triggerT }];
  };

  /** Speech of the agent that started before the deadline and whose words may not be in yet: end time, or null. */
  const awaitedSpeechEnd = (view: CallView, t: number): number | null | 'speaking' => {
    const seg = view.segmentAt('agent', t);
    if (!seg || seg.start >= rule.withinS) return null;
    if (seg.end === null || seg.end > t) return 'speaking';
    const lastFinalEnd = view.finals.agent.at(-1)?.end ?? -Infinity;
    return seg.end > lastFinalEnd + 0.5 && t - seg.end < rule.finalWaitS ? seg.end : null;
  };

  return {
    onEvent(ev) {
      if (settled || ev.type !== 'transcript' || !ev.final || ev.channel !== 'agent') return [];
      if (ev.start < rule.withinS && spotter.find(ev.text)) settled = true;
      return [];
    },
    onTick(t, view) {
      if (settled || t < rule.withinS) return [];
      // No agent speech at all: a bridge that carries only the customer; there is no one to judge.
      if (view.segments.agent.length === 0) return [];
      const lastSeg = view.segmentAt('agent', t);
      if (t < rule.withinS + rule.maxGraceS && awaitedSpeechEnd(view, t) !== null) return [];
      // The trigger is the deadline, or the end of the agent's speech that ran past it.
      const speechEnd = lastSeg && lastSeg.start < rule.withinS && lastSeg.end !== null ? lastSeg.end : 0;
      return finding(Math.min(t, Math.max(rule.withinS, speechEnd)));
    },
    onEnd(t, view) {
      // Every final is in by now; a call shorter than the window is judged on what was said.
      if (settled || t < rule.minCallS || view.segments.agent.length === 0) return [];
      return finding(Math.min(t, rule.withinS));
    },
  };
}
