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
      let query = questions.join(' ');
      if (!query && !rule.requireQuestion) query = view.utterance(a.utteranceId)?.text ?? '';
      if (!query.trim()) return [];
      const hit = kb.search(query, { snippetChars: rule.snippetChars });
      if (!hit || hit.score < rule.minScore) return [];
      const quote = questions[0] ?? query;
      return [{
        subject: hit.article.id,
        vars: { title: hit.article.title, snippet: hit.snippet, article: hit.article.id, quote },
        ...aboutUtterance(view, a.utteranceId, quote),
      }];
    },
  };
}
