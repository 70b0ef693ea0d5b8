import type { AssistEvent, TranscriptEvent } from '../../events.ts';
import { PhraseSpotter } from '../fuzzy-phrase.ts';
import type { RuleConfig } from '../rule-pack.ts';
import type { Detector, Finding } from '../types.ts';
import { shortQuote } from './shared.ts';

// Rules on what is said, from final transcripts: spoken card/SSN/account numbers (already redacted to tokens),
// the agent's speaking rate, and a generic "this party said one of these phrases" rule.

type Rule<T extends RuleConfig['type']> = Extract<RuleConfig, { type: T }>;

const finalOf = (ev: AssistEvent): TranscriptEvent | undefined => (ev.type === 'transcript' && ev.final ? ev : undefined);

export function piiSpoken(rule: Rule<'pii-spoken'>): Detector {
  const tokens = Object.keys(rule.tokens);
  return {
    onEvent(ev) {
      const f = finalOf(ev);
      if (!f || !rule.channels.includes(f.channel)) return [];
      const at = tokens.map((tok) => ({ tok, i: f.text.indexOf(tok) })).filter((x) => x.i >= 0).sort((a, b) => a.i - b.i)[0];
      if (!at) return [];
      // The words around the first token: "my card number is [CARD] and the expiry".
      const from = Math.max(0, f.text.lastIndexOf(' ', Math.max(0, at.i - 60)));
      const quote = shortQuote(f.text.slice(from, at.i + at.tok.length + 60));
      return [{ subject: f.utteranceId, vars: { kind: rule.tokens[at.tok], quote },
        evidence: { utteranceId: f.utteranceId, quote }, triggerT: f.end }];
    },
  };
}

/** Words and their spoken duration (s): from word times when present, else the utterance's bounds. */
function wordsAndDuration(f: TranscriptEvent): { words: number; durationS: number } {
  if (f.words && f.words.length >= 2) {
    return { words: f.words.length, durationS: f.words[f.words.length - 1].end - f.words[0].start };
  }
  return { words: f.text.split(/\s+/).filter(Boolean).length, durationS: f.end - f.start };
}

export function agentPace(rule: Rule<'agent-pace'>): Detector {
  const window: Array<{ end: number; words: number; durationS: number }> = [];
  return {
    onEvent(ev) {
      const f = finalOf(ev);
      if (!f || f.channel !== 'agent') return [];
      window.push({ end: f.end, ...wordsAndDuration(f) });
      while (window.length && window[0].end < f.end - rule.windowS) window.shift();
      const words = window.reduce((s, w) => s + w.words, 0);
      const durationS = window.reduce((s, w) => s + w.durationS, 0);
      if (words < rule.minWords || durationS <= 0) return [];
      const wpm = Math.round((words / durationS) * 60);
      if (wpm <= rule.maxWpm) return [];
      return [{ vars: { wpm, maxWpm: rule.maxWpm }, evidence: { utteranceId: f.utteranceId, quote: shortQuote(f.text) }, triggerT: f.end }];
    },
  };
}

export function phraseSaid(rule: Rule<'phrase'>): Detector {
  const spotter = new PhraseSpotter(rule.phrases, { minSimilarity: rule.minSimilarity });
  return {
    onEvent(ev): Finding[] {
      const f = finalOf(ev);
      if (!f || f.channel !== rule.channel) return [];
      const m = spotter.find(f.text);
      if (!m) return [];
      return [{ subject: f.utteranceId, vars: { phrase: m.phrase, quote: shortQuote(f.text) },
        evidence: { utteranceId: f.utteranceId, quote: shortQuote(f.text) }, triggerT: f.end }];
    },
  };
}
