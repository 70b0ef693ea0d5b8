import type { RuleConfig } from '../rule-pack.ts';
import type { Detector, Finding } from '../types.ts';
import { aboutUtterance, customerAnalysis } from './shared.ts';

// Rules on the customer's mood from the analysis of their final utterances: escalation intents, anger or a sharp
// drop in sentiment, and a negative trend over several turns.

type Rule<T extends RuleConfig['type']> = Extract<RuleConfig, { type: T }>;

export function escalationRisk(rule: Rule<'escalation-risk'>): Detector {
  return {
    onEvent(ev, view) {
      const a = customerAnalysis(ev);
      if (!a?.intents) return [];
      const hit = a.intents
        .filter((i) => rule.intents[i.name] !== undefined && (i.score ?? 1) >= rule.minScore)
        .sort((x, y) => (y.score ?? 1) - (x.score ?? 1))[0];
      if (!hit) return [];
      // One prompt per kind of escalation per call: asking for a supervisor twice is the same situation.
      return [{ subject: hit.name, vars: { intent: rule.intents[hit.name], quote: hit.quote },
        ...aboutUtterance(view, a.utteranceId, hit.quote) }];
    },
  };
}

export function customerAnger(rule: Rule<'customer-anger'>): Detector {
  let previousScore: number | null = null;
  return {
    onEvent(ev, view) {
      const a = customerAnalysis(ev);
      if (!a) return [];
      const before = previousScore;
      previousScore = a.sentiment.score;
      const found = (emotion: string, score: number): Finding[] => {
        const about = aboutUtterance(view, a.utteranceId);
        return [{ subject: a.utteranceId, vars: { emotion, score, quote: about.evidence.quote ?? '' }, ...about }];
      };
      if (rule.emotions.includes(a.emotion.label) && a.emotion.score >= rule.minEmotionScore) {
        return found(a.emotion.label, a.emotion.score);
      }
      if (before !== null && before - a.sentiment.score >= rule.sentimentDrop && a.sentiment.score <= rule.dropToScore
        && !rule.dropExceptEmotions.includes(a.emotion.label)) {
        return found('sharp drop in sentiment', a.sentiment.score);
      }
      return [];
    },
  };
}

export function negativeTrend(rule: Rule<'negative-trend'>): Detector {
  const recent: Array<{ score: number; negative: boolean }> = [];
  return {
    onEvent(ev, view) {
      const a = customerAnalysis(ev);
      if (!a) return [];
      recent.push({ score: a.sentiment.score, negative: a.sentiment.label === 'negative' });
      if (recent.length > rule.turns) recent.shift();
      if (recent.length < rule.turns) return [];
      const mean = recent.reduce((s, r) => s + r.score, 0) / recent.length;
      const negatives = recent.filter((r) => r.negative).length;
      if (mean > rule.maxMeanScore || negatives < rule.minNegativeTurns) return [];
      const about = aboutUtterance(view, a.utteranceId);
      return [{ vars: { turns: rule.turns, mean, quote: about.evidence.quote ?? '' }, ...about }];
    },
  };
}
