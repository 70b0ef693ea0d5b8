// Phrase boosting ("hot phrases") for the CTC beam search: word sequences that matter to the coaching rules
// (the recording disclosure, condolences, hold phrases) get a bonus per word while a hypothesis is spelling
// them, and keep it only if the whole phrase is completed. A hypothesis that starts a phrase and leaves it loses
// what it was given, so the boost cannot make the recognizer put pieces of phrases everywhere.

interface PhraseNode {
  depth: number;                               // words of a phrase matched to reach this node
  end: boolean;                                // a whole phrase ends here
  children: Map<string, PhraseNode>;
  /** Every prefix of every child word -> the largest share of a child word it spells (0..1]. */
  wordPrefixes: Map<string, number>;
}

/** Where a hypothesis stands in the phrase trie: `kept` words of completed phrases, and the current match. */
export interface PhraseState { node: PhraseNode; banked: number; kept: number }

const newNode = (depth: number): PhraseNode => ({ depth, end: false, children: new Map(), wordPrefixes: new Map() });

/** Lower case, letters and apostrophes only: the recognizer's alphabet. */
export function phraseWords(phrase: string): string[] {
  return phrase.toLowerCase().replace(/[^a-z' ]+/g, ' ').split(' ').filter(Boolean);
}

export class PhraseBooster {
  readonly root = newNode(0);
  readonly size: number;

  constructor(phrases: readonly string[]) {
    let size = 0;
    for (const phrase of phrases) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      let node = this.root;
      for (const w of words) {
        let child = node.children.get(w);
        if (!child) {
          child = newNode(node.depth + 1);
          node.children.set(w, child);
          for (let i = 1; i <= w.length; i++) {
            const p = w.slice(0, i);
            node.wordPrefixes.set(p, Math.max(node.wordPrefixes.get(p) ?? 0, i / w.length));
          }
        }
        node = child;
      }
      if (!node.end) size++;
      node.end = true;
    }
    this.size = size;
  }

  get start(): PhraseState { return { node: this.root, banked: 0, kept: 0 } }

  /** The state after a whole word: continue the match, or start a new one with this word, or none. */
  advance(s: PhraseState, word: string): PhraseState {
    let node = s.node.children.get(word);
    let banked = s.banked;
    if (!node) { node = this.root.children.get(word); banked = 0 }
    if (!node) return { node: this.root, banked: 0, kept: s.kept };
    let kept = s.kept;
    if (node.end) { kept += node.depth - banked; banked = node.depth }
    // a completed phrase that no longer phrase goes on from: the next word starts afresh
    if (node.children.size === 0) return { node: this.root, banked: 0, kept };
    return { node, banked, kept };
  }

  /**
   * Boosted words of a hypothesis in state `s` with `word` in progress (not yet closed by a space): completed
   * phrases, plus the current match and the share of its next word spelled so far, as long as the hypothesis
   * can still complete it. A word in progress that leaves the match drops the match's words at once.
   */
  score(s: PhraseState, word: string): number {
    const partial = s.node.depth - s.banked;
    if (!word) return s.kept + partial;
    const next = s.node.wordPrefixes.get(word);
    if (next !== undefined) return s.kept + partial + next;
    return s.kept + (this.root.wordPrefixes.get(word) ?? 0);
  }
}

const cache = new Map<string, PhraseBooster>();
/** One compiled booster per phrase list (the list travels with every beam request to the workers). */
export function phraseBooster(phrases: readonly string[]): PhraseBooster {
  const key = phrases.join('\n');
  let b = cache.get(key);
  if (!b) {
    if (cache.size >= 16) cache.clear(); // rule packs change rarely; never grow without bound
    b = new PhraseBooster(phrases);
    cache.set(key, b);
  }
  return b;
}
