import { CARD_CUES } from './pii.ts';
import { findDigitRuns, piiTokenize } from './pii-numbers.ts';

// A call's card-collection moments. Callers read a card number in groups with pauses ("four five three nine,
// one four eight eight, ..."), and the VAD cuts each group into its own utterance, so no single utterance holds
// 13+ digits or a "card" cue. Once either party mentions the card ("read me the long number on the card"),
// groups of digits in the next seconds are redacted as card data.

/** How long after a card cue (or after the last group read) digits still count as card data (s of call time). */
export const CARD_CONTEXT_S = 30;
/** Digits in one utterance that keep an open card window open (a group being read). */
const MIN_GROUP_DIGITS = 3;
const CARD_PHRASES = [/\blong number\b/, /\bsecurity code\b/, /\bthree digits?\b/, /\bexpir(y|ation)\b/];

export class CardContext {
  private openUntilS = -Infinity;

  constructor(private readonly windowS = CARD_CONTEXT_S) {}

  /** Card details may be being read at call time `atS`. */
  active(atS: number): boolean {
    return atS <= this.openUntilS;
  }

  /** Notes an utterance (partial or final) that ends at `atS`: a card cue opens the window; a digit group read inside it extends it. */
  observe(text: string, atS: number): void {
    const lower = text.toLowerCase();
    const tokens = piiTokenize(lower);
    const cue = tokens.some((t) => CARD_CUES.has(t.text)) || CARD_PHRASES.some((re) => re.test(lower));
    const group = this.active(atS) && findDigitRuns(tokens).some((r) => r.digits.length >= MIN_GROUP_DIGITS);
    if (cue || group) this.openUntilS = Math.max(this.openUntilS, atS + this.windowS);
  }
}
