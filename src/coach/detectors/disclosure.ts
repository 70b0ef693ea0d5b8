import { PhraseSpotter } from '../fuzzy-phrase.ts';
import type { CallView } from '../call-view.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector, Finding } from '../types.ts';

// The recording disclosure must be said by the agent within the first `withinS` seconds. An agent may be saying
// it right at the deadline (the judgement waits until they stop, at most `maxGraceS`), and final transcripts lag
// the speech (it waits for every agent final of speech begun before the deadline, however long the recognizer
// takes): a finding on missing words would otherwise be a false alarm, and a live call would differ from its
// replay.

type Rule = Extract<RuleConfig, { type: 'disclosure-missing' }>;

export function disclosureMissing(rule: Rule): Detector {
  const spotter = new PhraseSpotter(rule.phrases, { minSimilarity: rule.minSimilarity });
  let settled = false; // said, or judged missing

  const finding = (triggerT: number): Finding[] => {
    settled = true;
    return [{ subject: 'disclosure', vars: { seconds: rule.withinS }, evidence: {}, triggerT }];
  };

  /** The agent is still in speech that began before the deadline. */
  const stillSpeaking = (view: CallView, t: number): boolean => {
    const seg = view.segmentAt('agent', t);
    return seg !== undefined && seg.start < rule.withinS && (seg.end === null || seg.end > t);
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
      if (!view.finalsIn('agent', rule.withinS)) return [];
      if (stillSpeaking(view, t) && t < rule.withinS + rule.maxGraceS) return [];
      const lastSeg = view.segmentAt('agent', t);
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
