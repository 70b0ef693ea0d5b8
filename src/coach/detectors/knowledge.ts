import type { KnowledgeBase } from '../knowledge-base.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector } from '../types.ts';
import { aboutUtterance, customerAnalysis } from './shared.ts';

// A customer question becomes the best knowledge-base article's title and a snippet, when its score clears the
// rule's minimum (an unrelated question gives nothing). Each article is suggested once per call.

type Rule = Extract<RuleConfig, { type: 'knowledge' }>;

export function knowledge(rule: Rule, kb: KnowledgeBase | null): Detector {
  return {
    onEvent(ev, view) {
      const a = customerAnalysis(ev);
      if (!a || !kb || kb.size === 0) return [];
      const questions = (a.intents ?? []).filter((i) => i.name === 'question').map((i) => i.quote);
      if (questions.length === 0 && rule.requireQuestion) return [];
      const opts = { snippetChars: rule.snippetChars };
      // The question alone first ("what do I need to do" carries little), then the utterance it was asked in
      // ("my husband passed away and the account is in his name, what do I need to do").
      let hit = questions.length ? kb.search(questions.join(' '), opts) : null;
      if (!hit || hit.score < rule.minScore) {
        const text = view.utterance(a.utteranceId)?.text ?? '';
        hit = text ? kb.search(text, opts) : null;
        if (!hit || hit.score < rule.contextMinScore) return [];
      }
      const quote = questions[0] ?? view.utterance(a.utteranceId)?.text ?? '';
      return [{
        subject: hit.article.id,
        vars: { title: hit.article.title, snippet: hit.snippet, article: hit.article.id, quote },
        ...aboutUtterance(view, a.utteranceId, quote),
      }];
    },
  };
}
