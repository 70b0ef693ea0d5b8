import type { EmotionLabel } from '../../src/events.ts';
import type { TextClassification, TextClassifier } from '../../src/analysis/types.ts';

/**
 * FakeClassifier: stands in for the ONNX text model in analyzer tests. Scripted by keyword: the first rule whose
 * word appears in the text wins; otherwise neutral. Can be told to fail or to stall, and records what it saw.
 */
export class FakeClassifier implements TextClassifier {
  readonly name = 'fake';
  readonly seen: string[] = [];
  mode: 'ok' | 'throw' | 'stall' | 'garbage' = 'ok';
  delayMs = 0;

  constructor(private readonly rules: Array<{ word: string; result: TextClassification }> = DEFAULT_RULES) {}

  async classify(text: string): Promise<TextClassification> {
    this.seen.push(text);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.mode === 'throw') throw new Error('fake model failure');
    if (this.mode === 'stall') return new Promise(() => undefined);
    if (this.mode === 'garbage') return { sentiment: { label: 'angry' as never, score: Number.NaN }, emotion: { label: 'neutral', score: 1 } };
    const lower = text.toLowerCase();
    return this.rules.find((r) => lower.includes(r.word))?.result ?? NEUTRAL;
  }

  async close(): Promise<void> {}
}

const NEUTRAL: TextClassification = { sentiment: { label: 'neutral', score: 0 }, emotion: { label: 'neutral', score: 0.8 } };
const emo = (label: EmotionLabel, score: number, probs?: Partial<Record<EmotionLabel, number>>) => ({ label, score, probs });
const r = (word: string, sentiment: number, e: ReturnType<typeof emo>) => ({
  word,
  result: {
    sentiment: { label: sentiment < -0.2 ? 'negative' as const : sentiment > 0.2 ? 'positive' as const : 'neutral' as const, score: sentiment },
    emotion: { label: e.label, score: e.score },
    ...(e.probs ? { emotionProbs: e.probs } : {}),
  },
});
const DEFAULT_RULES = [
  r('ridiculous', -0.8, emo('anger', 0.6, { anger: 0.6, frustration: 0.3, neutral: 0.1 })),
  r('thank', 0.8, emo('gratitude', 0.9)),
  r('passed away', -0.6, emo('sadness', 0.8)),
  r('waiting', -0.4, emo('neutral', 0.5, { neutral: 0.5, frustration: 0.4, anger: 0.1 })),
];
