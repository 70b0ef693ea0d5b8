import type { Channel } from '../../events.ts';
import type { CallView, SpeechSegment } from '../call-view.ts';
import { PhraseSpotter } from '../fuzzy-phrase.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector, Finding } from '../types.ts';
import { shortQuote } from './shared.ts';

// Rules on the shape of the conversation, from the VAD speech segments alone and judged at ticks (call time up to
// which both channels are known): dead air, overtalk and agent monologues.

type Rule<T extends RuleConfig['type']> = Extract<RuleConfig, { type: T }>;

export function deadAir(rule: Rule<'dead-air'>): Detector {
  const hold = rule.holdPhrases.length ? new PhraseSpotter(rule.holdPhrases, { minSimilarity: rule.minSimilarity }) : null;
  /** Starts of silences long enough to judge, waiting for the finals of the speech before them. */
  const candidates = new Set<number>();

  /** Call time the silence that began at `start` ended (someone spoke), or t if it still lasts. */
  const silenceEnd = (view: CallView, start: number, t: number): number => {
    let end = t;
    for (const ch of ['agent', 'customer'] as const) {
      const next = view.segments[ch].find((seg) => seg.start >= start);
      if (next && next.start < end) end = next.start;
    }
    return end;
  };

  return {
    onTick(t, view) {
      const start = view.silenceStartAt(t);
      if (start !== null && t - start >= Math.min(rule.silenceS, rule.holdSilenceS)) candidates.add(start);
      const out: Finding[] = [];
      for (const s of candidates) {
        // Whether a hold was announced, and the quote, come from the finals of the speech before the silence; a
        // lagging recognizer delays the judgement of that silence (even past its end), never changes it.
        if (!view.finalsIn('agent', s + 0.5) || !view.finalsIn('customer', s + 0.5)) continue;
        // "Let me check that, please hold": a silence the customer was told about may last longer.
        const lastAgent = view.lastFinalBefore('agent', s + 0.5);
        const limitS = hold && lastAgent && hold.find(lastAgent.text) ? rule.holdSilenceS : rule.silenceS;
        const end = silenceEnd(view, s, t);
        if (end - s < limitS) {
          if (end < t) candidates.delete(s); // it ended shorter than its limit
          continue;
        }
        candidates.delete(s);
        const lastCustomer = view.lastFinalBefore('customer', s + 0.5);
        const before = !lastAgent || (lastCustomer && lastCustomer.end > lastAgent.end) ? lastCustomer : lastAgent;
        out.push({
          subject: `silence@${s}`, vars: { seconds: limitS },
          evidence: before ? { utteranceId: before.id, quote: shortQuote(before.text) } : {},
          triggerT: s + limitS,
        });
      }
      return out;
    },
  };
}

/** The segments of `ch` that started at or before t, latest last (only the last few can still overlap). */
const recent = (view: CallView, ch: Channel, t: number): SpeechSegment[] => view.segmentsUpTo(ch, t, 3);

export function overtalk(rule: Rule<'overtalk'>): Detector {
  const minS = rule.overlapMs / 1000;
  return {
    onTick(t, view) {
      const out: Finding[] = [];
      for (const a of recent(view, 'agent', t)) {
        for (const c of recent(view, 'customer', t)) {
          const start = Math.max(a.start, c.start);
          const end = Math.min(a.end ?? t, c.end ?? t, t);
          if (end - start < minS) continue;
          const interrupter: Channel = a.start > c.start ? 'agent' : 'customer';
          if (rule.interrupter === 'agent' && interrupter !== 'agent') continue;
          const u = view.textDuring(interrupter, start, end);
          out.push({
            subject: `overlap@${start}`, vars: { seconds: minS, quote: u ? shortQuote(u.text) : '' },
            evidence: u ? { utteranceId: u.id, quote: shortQuote(u.text) } : {},
            triggerT: start + minS,
          });
        }
      }
      return out;
    },
  };
}

export function agentMonologue(rule: Rule<'agent-monologue'>): Detector {
  return {
    onTick(t, view) {
      if (!view.speakingAt('agent', t)) return [];
      // The customer's last real turn (a short "mm-hm" is listening, not taking the floor).
      const customer = view.segmentsUpTo('customer', t, Infinity);
      let customerEnd = -Infinity;
      for (let i = customer.length - 1; i >= 0; i--) {
        const s = customer[i];
        const end = s.end === null || s.end > t ? t : s.end;
        if (end - s.start >= rule.backchannelS) { customerEnd = end; break }
      }
      if (customerEnd >= t) return [];
      const agent = view.segmentsUpTo('agent', t, Infinity);
      let start = agent[agent.length - 1].start;
      for (let i = agent.length - 2; i >= 0; i--) {
        const s = agent[i];
        if (s.end === null || agent[i + 1].start - s.end > rule.maxPauseS || s.end <= customerEnd) break;
        start = s.start;
      }
      start = Math.max(start, customerEnd);
      if (t - start < rule.monologueS) return [];
      const u = view.textDuring('agent', t - 15, t);
      return [{
        subject: `monologue@${start}`, vars: { seconds: rule.monologueS },
        evidence: u ? { utteranceId: u.id, quote: shortQuote(u.text) } : {},
        triggerT: start + rule.monologueS,
      }];
    },
  };
}
