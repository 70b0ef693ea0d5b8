import type { Channel, EmotionLabel, Intent, LifeEvent, SentimentLabel } from '../events.ts';

/** Text classifier engine: the embedded ONNX model, a @huggingface/transformers model, or a lexicon fallback. */
export interface TextClassification {
  sentiment: { label: SentimentLabel; score: number }; // score in [-1, 1], negative .. positive
  emotion: { label: EmotionLabel; score: number };     // score in [0, 1], confidence of the label
  /** Probability per emotion label, when the engine has them (used for fusion with arousal). */
  emotionProbs?: Partial<Record<EmotionLabel, number>>;
}
export interface TextClassifier {
  readonly name: string;
  classify(text: string): Promise<TextClassification>;
  close(): Promise<void>;
}

/** What the analysis stage receives for one final utterance. */
export interface UtteranceInput {
  callId: string; channel: Channel; utteranceId: string; text: string;
  start: number; end: number; words?: Array<{ w: string; start: number; end: number }>;
  /** The utterance's audio, 16 kHz mono Float32 (for prosody / arousal). */
  audio?: Float32Array;
  /** The call is collecting card details (pii-context.ts): digit groups are redacted as card data. */
  cardContext?: boolean;
}
export interface UtteranceAnalysis {
  sentiment: { label: SentimentLabel; score: number };
  emotion: { label: EmotionLabel; score: number };
  arousal?: number; intents: Intent[]; lifeEvents: LifeEvent[];
  /** PII spans in `text` (character offsets) and the redacted text. */
  pii: Array<{ kind: string; start: number; end: number }>;
  redactedText: string;
}
