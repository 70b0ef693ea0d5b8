// Turns probability vectors into the TextClassification contract, shared by every engine.
import type { EmotionLabel, SentimentLabel } from '../../events.ts';
import type { TextClassification } from '../types.ts';

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
export const EMOTION_LABELS: readonly EmotionLabel[] = ['anger', 'frustration', 'sadness', 'anxiety', 'confusion', 'gratitude', 'neutral'];

/** The answer for text with nothing to classify (empty, or engine degraded on purpose). */
export function neutralResult(): TextClassification {
  return { sentiment: { label: 'neutral', score: 0 }, emotion: { label: 'neutral', score: 1 }, emotionProbs: { neutral: 1 } };
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Builds the contract from probabilities in SENTIMENT_LABELS and EMOTION_LABELS order. The sentiment score is
 * p(positive) - p(negative), so a confident neutral reads as ~0 and the sign agrees with the label's polarity.
 */
export function fromProbabilities(sentimentProbs: ArrayLike<number>, emotionProbs: ArrayLike<number>): TextClassification {
  const s = argmax(sentimentProbs);
  const e = argmax(emotionProbs);
  const probs: Partial<Record<EmotionLabel, number>> = {};
  EMOTION_LABELS.forEach((label, i) => { probs[label] = clamp(Number(emotionProbs[i]) || 0, 0, 1) });
  return {
    sentiment: { label: SENTIMENT_LABELS[s], score: clamp(sentimentProbs[2] - sentimentProbs[0], -1, 1) },
    emotion: { label: EMOTION_LABELS[e], score: clamp(emotionProbs[e], 0, 1) },
    emotionProbs: probs,
  };
}
