import type { AnalysisEvent } from '../../events.ts';
import type { CallView, UtteranceView } from '../call-view.ts';
import { PhraseSpotter } from '../fuzzy-phrase.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector, Finding } from '../types.ts';
import { aboutUtterance, customerAnalysis, shortQuote } from './shared.ts';

// The human moments: a customer disclosing a life event (or sounding sad) is a prompt to acknowledge it, and the
// agent's next turn is checked for that acknowledgement ("I'm so sorry", "congratulations"), the moment a
// scripted agent skips past.

type Rule<T extends RuleConfig['type']> = Extract<RuleConfig, { type: T }>;
type LifeEventText = { label: string; suggestion: string };

const SADNESS_DEFAULT: LifeEventText = { label: 'sounds upset', suggestion: 'Slow down and acknowledge how they feel.' };
/** An agent utterance may begin this much before the customer's ends and still be the reply (overlap, s). */
const REPLY_OVERLAP_S = 0.5;

/** The first life event of the customer's utterance that the rule knows about (scoring at least `minScore`). */
function lifeEventOf(a: AnalysisEvent, known: Record<string, LifeEventText>, minScore = 0) {
  return a.lifeEvents?.find((e) => known[e.name] !== undefined && (e.score ?? 1) >= minScore);
}

export function empathyMoment(rule: Rule<'empathy-moment'>): Detector {
  return {
    onEvent(ev, view) {
      const a = customerAnalysis(ev);
      if (!a) return [];
      const life = lifeEventOf(a, rule.lifeEvents);
      if (life) {
        const text = rule.lifeEvents[life.name];
        return [{ subject: life.name, vars: { lifeEvent: text.label, suggestion: text.suggestion, quote: life.quote },
          ...aboutUtterance(view, a.utteranceId, life.quote) }];
      }
      if (a.emotion.label === 'sadness' && a.emotion.score >= rule.minSadnessScore) {
        const text = rule.lifeEvents.sadness ?? SADNESS_DEFAULT;
        const about = aboutUtterance(view, a.utteranceId);
        return [{ subject: 'sadness', vars: { lifeEvent: text.label, suggestion: text.suggestion, quote: about.evidence.quote ?? '' }, ...about }];
      }
      return [];
    },
  };
}

interface Pending { lifeEvent: LifeEventText; customerQuote: string; customerUtteranceId: string; customerEnd: number }

export function empathyMissed(rule: Rule<'empathy-missed'>): Detector {
  const spotter = new PhraseSpotter(rule.acknowledgements, { minSimilarity: rule.minSimilarity });
  let pending: Pending | null = null;

  /** `atEnd`: the call is over and every final is in, so an open turn is complete. */
  const judge = (view: CallView, t: number, atEnd = false): Finding[] => {
    if (!pending) return [];
    const p = pending;
    const turn = agentTurn(view, p.customerEnd);
    if (turn.length === 0) {
      // the agent never replied (and no reply is still being decoded): nothing to judge
      if (t - p.customerEnd > rule.giveUpS && view.finalsIn('agent', t)) pending = null;
      return [];
    }
    if (turn.some((u) => spotter.find(u.text))) { pending = null; return [] }
    const turnStart = turn[0].start;
    const lastEnd = turn.at(-1)!.end;
    let doneAt: number | null = null;
    if (atEnd) doneAt = lastEnd;
    else if (t - turnStart >= rule.maxTurnS) { if (view.finalsIn('agent', turnStart + rule.maxTurnS)) doneAt = turnStart + rule.maxTurnS }
    else if (!view.speakingAt('agent', t) && view.finalsIn('agent', t)) {
      const customerBack = view.segments.customer.find((s) => s.start > lastEnd && s.start <= t);
      if (customerBack) doneAt = customerBack.start;
      else if (t - lastEnd >= rule.turnGapS) doneAt = lastEnd + rule.turnGapS;
    }
    if (doneAt === null) return [];
    pending = null;
    const first = turn[0];
    return [{
      subject: p.customerUtteranceId,
      vars: { lifeEvent: p.lifeEvent.label, suggestion: p.lifeEvent.suggestion, quote: shortQuote(first.text), customerQuote: p.customerQuote },
      evidence: { utteranceId: first.id, quote: shortQuote(first.text) },
      triggerT: Math.max(lastEnd, Math.min(t, doneAt)),
    }];
  };

  return {
    onEvent(ev, view) {
      const a = customerAnalysis(ev);
      const life = a && lifeEventOf(a, rule.lifeEvents, rule.minLifeEventScore);
      if (a && life) {
        const u = view.utterance(a.utteranceId);
        pending = { lifeEvent: rule.lifeEvents[life.name], customerQuote: shortQuote(life.quote),
          customerUtteranceId: a.utteranceId, customerEnd: u?.end ?? view.now };
      }
      return judge(view, view.tickT);
    },
    onTick: (t, view) => judge(view, t),
    onEnd: (t, view) => judge(view, t, true),
  };
}

/** The agent's finals that reply to a customer utterance ending at `customerEnd`, up to the customer's next final. */
function agentTurn(view: CallView, customerEnd: number): UtteranceView[] {
  const replies = view.finals.agent.filter((u) => u.start >= customerEnd - REPLY_OVERLAP_S);
  if (replies.length === 0) return [];
  const customerNext = view.finals.customer.find((u) => u.start > replies[0].end);
  return customerNext ? replies.filter((u) => u.start < customerNext.start) : replies;
}
