// CTC prefix beam search (Hannun et al. 2014) over characters with a word n-gram language model applied
// at word boundaries. Runs on a whole utterance's log-probs (the final result); partials use greedy.
import type { Emission } from './ctc-greedy.ts';
import { phraseBooster, type PhraseState } from './phrase-boost.ts';

/** Word bigram or trigram LM in natural-log probabilities (lm.json, built by models/train/asr/lm.py). */
export interface WordLm {
  unigram: Record<string, [number, number]>;  // word -> [log p, log backoff]
  bigram: Record<string, number>;             // "w1 w2" -> log p(w2 | w1)
  bigramBackoff?: Record<string, number>;     // "w1 w2" -> log backoff of that context (trigram LMs)
  trigram?: Record<string, number>;           // "w1 w2 w3" -> log p(w3 | w1 w2)
  unkLogProb: number;                         // log p of a word outside the vocabulary
}

export interface BeamOptions {
  beamWidth: number;     // prefixes kept per frame
  lmWeight: number;      // alpha: weight of the LM log-prob
  wordBonus: number;     // beta: added per word (balances the LM's preference for few words)
  charPrune: number;     // characters with log-prob below this at a frame are not expanded
  /** Added per character of an out-of-vocabulary word, so that gluing words into one long unknown word
   * does not pay off (without it the LM prefers one OOV penalty to several). */
  oovCharLogProb: number;
  /** Phrases to boost (src/asr/embedded/phrase-boost.ts), e.g. the rule pack's disclosure and condolences. */
  hotPhrases?: readonly string[];
  /** Log-prob added per word of a hot phrase, kept only when the phrase is completed. */
  phraseBoost?: number;
}

// Chosen on the synthetic dev set (train voices, dev sentences, 150 clips: models/train/asr/eval.ts --set devsynth)
// with a trigram LM that has not seen those sentences (lm.py --without-dev): WER 0.254 at width 8, 0.226 at 16,
// 0.200 at 32 (alpha 0.8, beta 1.5; alpha 0.5-1.0 and beta 1-2.5 all within 0.01). Then on unseen voices (the
// devunseen set, 240 clips, same LM; model of step 79,052): 0.217 at 32, 0.197 at 64, 0.184 at 128, 0.177 at 256;
// at 128 a stronger OOV charge per character (-3.5: 0.174; -1.5: 0.196; -4.5: 0.177) and a tighter character
// prune (-6: same WER, a third less time; -11: 0.189 and 5x the time) give 0.176 in 54 ms per utterance (median,
// p95 198 ms, one core with training on the other) against 0.217 in ~20-50 ms before; alpha/beta 0.6/1.0 to
// 1.0/2.0 within 0.01; width 256 0.169 for twice the time.
export const defaultBeamOptions: BeamOptions = { beamWidth: 128, lmWeight: 0.8, wordBonus: 1.5, charPrune: -6, oovCharLogProb: -3.5 };

interface Node { ch: string; frame: number; prob: number; prev: Node | null }
interface Beam { text: string; pb: number; pnb: number; lm: number; words: number; lastWord2: string; lastWord: string; word: string; lastId: number; node: Node | null; hot: PhraseState | null }

const logAdd = (a: number, b: number): number => {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
};

/** log p(word | prev2 prev); prev2 '' (or a bigram LM) means no trigram context. */
export function lmLogProb(lm: WordLm, prev: string, word: string, oovCharLogProb = 0, prev2 = ''): number {
  if (prev2 && lm.trigram) {
    const tri = lm.trigram[`${prev2} ${prev} ${word}`];
    if (tri !== undefined) return tri;
    if (lm.unigram[word]) return (lm.bigramBackoff?.[`${prev2} ${prev}`] ?? 0) + lmLogProb(lm, prev, word, oovCharLogProb);
  }
  const bi = lm.bigram[`${prev} ${word}`];
  if (bi !== undefined) return bi;
  const uni = lm.unigram[word];
  if (!uni) return lm.unkLogProb + oovCharLogProb * word.length;
  const back = lm.unigram[prev]?.[1] ?? 0;
  return back + uni[0];
}

const prefixCache = new WeakMap<WordLm, Set<string>>();
/** Every prefix of every vocabulary word (built once per LM). */
function vocabPrefixes(lm: WordLm): Set<string> {
  let set = prefixCache.get(lm);
  if (!set) {
    set = new Set();
    for (const w of Object.keys(lm.unigram)) for (let i = 1; i <= w.length; i++) set.add(w.slice(0, i));
    prefixCache.set(lm, set);
  }
  return set;
}

/** Decodes frames x vocab log-probs; returns the best prefix's emitted characters with frame positions. */
export function beamSearch(logprobs: Float32Array, frames: number, alphabet: string[], blank: number, lm: WordLm | undefined, opts: BeamOptions = defaultBeamOptions): Emission[] {
  const v = alphabet.length;
  const space = alphabet.indexOf(' ');
  // A word in progress that can no longer become a vocabulary word is charged as OOV at once; otherwise
  // hypotheses that never emit a space would defer all their LM cost to the end and crowd out the rest.
  const prefixes = lm ? vocabPrefixes(lm) : undefined;
  const pending = (b: Beam): number => (lm && b.word && !prefixes!.has(b.word) ? lm.unkLogProb + opts.oovCharLogProb * b.word.length : 0);
  const bonus = lm ? opts.wordBonus : 0; // without an LM the search follows the acoustics alone
  const booster = opts.hotPhrases?.length && opts.phraseBoost ? phraseBooster(opts.hotPhrases) : undefined;
  const boost = opts.phraseBoost ?? 0;
  const hotScore = (b: Beam): number => (booster && b.hot ? boost * booster.score(b.hot, b.word) : 0);
  const score = (b: Beam): number => logAdd(b.pb, b.pnb) + opts.lmWeight * (b.lm + pending(b)) + bonus * b.words + hotScore(b);
  let beams: Beam[] = [{ text: '', pb: 0, pnb: -Infinity, lm: 0, words: 0, lastWord2: '', lastWord: '<s>', word: '', lastId: -1, node: null, hot: booster?.start ?? null }];
  for (let t = 0; t < frames; t++) {
    const row = t * v;
    const next = new Map<string, Beam>();
    const get = (from: Beam, text: string, extend: { id: number; lp: number } | null): Beam => {
      let b = next.get(text);
      if (!b) {
        b = { ...from, text, pb: -Infinity, pnb: -Infinity };
        if (extend) {
          const ch = alphabet[extend.id];
          b.lastId = extend.id;
          b.node = { ch, frame: t, prob: Math.exp(extend.lp), prev: from.node };
          if (extend.id === space) {
            if (lm) b.lm = from.lm + lmLogProb(lm, from.lastWord, from.word, opts.oovCharLogProb, from.lastWord2);
            b.words = from.words + 1;
            if (booster && from.hot) b.hot = booster.advance(from.hot, from.word);
            b.lastWord2 = from.lastWord;
            b.lastWord = from.word;
            b.word = '';
          } else {
            b.word = from.word + ch;
          }
        }
        next.set(text, b);
      }
      return b;
    };
    for (const b of beams) {
      const total = logAdd(b.pb, b.pnb);
      for (let k = 0; k < v; k++) {
        const lp = logprobs[row + k];
        if (lp < opts.charPrune && k !== blank) continue;
        if (k === blank) {
          const s = get(b, b.text, null);
          s.pb = logAdd(s.pb, total + lp);
          continue;
        }
        if (k === space && (b.text === '' || b.text.endsWith(' '))) {
          // a space with no word before it adds nothing to the text: treat it like a blank
          const s = get(b, b.text, null);
          s.pb = logAdd(s.pb, total + lp);
          continue;
        }
        const text = b.text + alphabet[k];
        if (k === b.lastId) {
          const same = get(b, b.text, null);
          same.pnb = logAdd(same.pnb, b.pnb + lp);      // repeated character collapses
          const ext = get(b, text, { id: k, lp });
          ext.pnb = logAdd(ext.pnb, b.pb + lp);          // a blank in between: a new character
        } else {
          const ext = get(b, text, { id: k, lp });
          ext.pnb = logAdd(ext.pnb, total + lp);
        }
      }
    }
    // each candidate scored once (not in the comparator: that costs a log-add and a Set lookup per comparison)
    const ranked = [...next.values()].map((b) => ({ b, s: score(b) }));
    ranked.sort((x, y) => y.s - x.s);
    beams = ranked.slice(0, opts.beamWidth).map((r) => r.b);
  }
  // close the last word for the LM before choosing
  // (a hot phrase counts only if completed: an unfinished match earns nothing)
  const finalScore = (b: Beam): number => logAdd(b.pb, b.pnb) + bonus * b.words +
    opts.lmWeight * b.lm + (lm && b.word ? opts.lmWeight * lmLogProb(lm, b.lastWord, b.word, opts.oovCharLogProb, b.lastWord2) + bonus : 0) +
    (booster && b.hot ? boost * (b.word ? booster.advance(b.hot, b.word) : b.hot).kept : 0);
  let best = beams[0];
  for (const b of beams) if (finalScore(b) > finalScore(best)) best = b;
  const out: Emission[] = [];
  for (let n = best?.node ?? null; n; n = n.prev) out.push({ ch: n.ch, frame: n.frame, prob: n.prob });
  return out.reverse();
}
