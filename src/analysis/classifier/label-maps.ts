// Maps the label sets of common downloadable text-classification models onto our sentiment and emotion labels.
// A model is recognised by its id2label names (config.json); unknown label sets are rejected at load time
// rather than guessed.
import type { EmotionLabel, SentimentLabel } from '../../events.ts';

export type LabelScore = { label: string; score: number };
export type ModelKind = 'sentiment' | 'emotion';

const SENTIMENT_NAMES: Record<string, SentimentLabel> = {
  negative: 'negative', neg: 'negative', neutral: 'neutral', neu: 'neutral', positive: 'positive', pos: 'positive',
  '1 star': 'negative', '2 stars': 'negative', '3 stars': 'neutral', '4 stars': 'positive', '5 stars': 'positive',
};

// j-hartmann/emotion-english-distilroberta-base (Ekman 6 + neutral) and GoEmotions-trained models (27 + neutral);
// GoEmotions groups follow ../shared/textdata/goemotions/mapping.json. Labels mapped to null carry no emotion.
const EMOTION_NAMES: Record<string, EmotionLabel | null> = {
  anger: 'anger', disgust: 'anger', fear: 'anxiety', nervousness: 'anxiety', joy: 'gratitude', neutral: 'neutral',
  sadness: 'sadness', grief: 'sadness', remorse: 'sadness', surprise: null,
  annoyance: 'frustration', disappointment: 'frustration', disapproval: 'frustration', confusion: 'confusion',
  gratitude: 'gratitude', admiration: 'gratitude', amusement: 'gratitude', excitement: 'gratitude', love: 'gratitude',
  optimism: 'gratitude', pride: 'gratitude', relief: 'gratitude',
  approval: null, caring: null, curiosity: null, desire: null, embarrassment: null, realization: null,
};

// Sentiment implied by an emotion-only model (used when no sentiment model is configured).
const EMOTION_POLARITY: Record<EmotionLabel, SentimentLabel> = {
  anger: 'negative', frustration: 'negative', sadness: 'negative', anxiety: 'negative',
  confusion: 'neutral', gratitude: 'positive', neutral: 'neutral',
};

const norm = (l: string) => l.trim().toLowerCase();

/** Resolves generic LABEL_i names (2 labels: neg/pos as SST-2; 3 labels: neg/neu/pos as cardiffnlp). */
function genericSentiment(label: string, count: number): SentimentLabel | undefined {
  const m = /^label_(\d+)$/.exec(norm(label));
  if (!m) return undefined;
  const i = Number(m[1]);
  if (count === 2) return i === 0 ? 'negative' : i === 1 ? 'positive' : undefined;
  if (count === 3) return (['negative', 'neutral', 'positive'] as const)[i];
  return undefined;
}

/** Which head a model can serve, from its id2label names; null when the label set is not one we know. */
export function detectModelKind(labels: string[]): ModelKind | null {
  if (labels.length === 0) return null;
  if (labels.every((l) => SENTIMENT_NAMES[norm(l)] !== undefined || genericSentiment(l, labels.length))) return 'sentiment';
  const known = labels.filter((l) => norm(l) in EMOTION_NAMES);
  if (known.length === labels.length) return 'emotion';
  return null;
}

/** Sentiment label and score p(pos) - p(neg) from a sentiment model's full score list. */
export function mapSentiment(scores: LabelScore[]): { label: SentimentLabel; score: number } {
  const p: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  for (const s of scores) {
    const l = SENTIMENT_NAMES[norm(s.label)] ?? genericSentiment(s.label, scores.length);
    if (l) p[l] += s.score;
  }
  const score = Math.max(-1, Math.min(1, p.positive - p.negative));
  // A binary model (SST-2) has no neutral class: a small margin between its two classes reads as neutral.
  const binary = !scores.some((s) => (SENTIMENT_NAMES[norm(s.label)] ?? genericSentiment(s.label, scores.length)) === 'neutral');
  let label: SentimentLabel;
  if (binary) label = Math.abs(score) < 0.5 ? 'neutral' : score > 0 ? 'positive' : 'negative';
  else label = (Object.keys(p) as SentimentLabel[]).reduce((a, b) => (p[b] > p[a] ? b : a));
  return { label, score };
}

/** Emotion probabilities summed into our labels (unmapped labels dropped, the rest renormalised). */
export function mapEmotion(scores: LabelScore[]): { label: EmotionLabel; score: number; probs: Partial<Record<EmotionLabel, number>> } {
  const probs: Partial<Record<EmotionLabel, number>> = {};
  let total = 0;
  for (const s of scores) {
    const l = EMOTION_NAMES[norm(s.label)];
    if (!l) continue;
    probs[l] = (probs[l] ?? 0) + s.score;
    total += s.score;
  }
  if (total <= 0) return { label: 'neutral', score: 0, probs: {} };
  let best: EmotionLabel = 'neutral';
  for (const k of Object.keys(probs) as EmotionLabel[]) {
    probs[k] = probs[k]! / total;
    if (probs[k]! > (probs[best] ?? 0)) best = k;
  }
  return { label: best, score: probs[best] ?? 0, probs };
}

/**
 * Sentiment implied by emotion probabilities: the label is the polarity of the most likely emotion (so the two
 * never contradict), the score p(positive emotions) - p(negative emotions).
 */
export function sentimentFromEmotion(probs: Partial<Record<EmotionLabel, number>>): { label: SentimentLabel; score: number } {
  let pos = 0, neg = 0, top: EmotionLabel = 'neutral';
  for (const [k, v] of Object.entries(probs) as Array<[EmotionLabel, number]>) {
    if (EMOTION_POLARITY[k] === 'positive') pos += v;
    if (EMOTION_POLARITY[k] === 'negative') neg += v;
    if (v > (probs[top] ?? 0)) top = k;
  }
  return { label: EMOTION_POLARITY[top], score: Math.max(-1, Math.min(1, pos - neg)) };
}
