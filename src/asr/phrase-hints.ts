// The phrases the coaching rules listen for (recording disclosures, condolences, hold phrases), handed to the
// recognizer as hints: the embedded engine's beam search boosts them (src/asr/embedded/phrase-boost.ts). One
// holder per process, filled by the coach when it loads the rule pack and again on every reload, and read by
// each final, so an edited pack reaches the recognizer without a restart.
import type { RulePack } from '../coach/rule-pack.ts';

export class PhraseHints {
  private list: readonly string[] = [];

  get current(): readonly string[] { return this.list }

  set(phrases: readonly string[]): void {
    this.list = [...new Set(phrases.map((p) => p.trim()).filter(Boolean))];
  }
}

/** Every phrase a rule of the pack matches against transcripts (`phrases`, `acknowledgements`, `holdPhrases`). */
export function phrasesOfRulePack(pack: Pick<RulePack, 'rules'>): string[] {
  const out: string[] = [];
  for (const rule of pack.rules) {
    for (const key of ['phrases', 'acknowledgements', 'holdPhrases'] as const) {
      const list = (rule as Partial<Record<typeof key, unknown>>)[key];
      if (Array.isArray(list)) out.push(...list.filter((p): p is string => typeof p === 'string'));
    }
  }
  return out;
}
