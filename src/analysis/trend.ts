// Smoothed sentiment per speaker for `metrics.sentimentTrend`: an exponential moving average over utterances in
// which a long utterance moves the average more than a short "yeah" does. With the defaults a 3 s utterance has
// weight 0.3, so the trend follows about the last 3-5 turns and one stray score cannot swing it.

export interface TrendOptions {
  /** Smoothing weight of an utterance of `referenceDurationS` (0..1). */
  alpha: number;
  referenceDurationS: number;
  /** Durations are clamped to this range (s) so a cut-off or a monologue does not dominate. */
  minDurationS: number;
  maxDurationS: number;
}
export const DEFAULT_TREND_OPTIONS: TrendOptions = { alpha: 0.3, referenceDurationS: 3, minDurationS: 0.3, maxDurationS: 15 };

export class SentimentTrend<K extends string = string> {
  private readonly values = new Map<K, { value: number; utterances: number }>();
  private readonly o: TrendOptions;

  constructor(opts: Partial<TrendOptions> = {}) {
    this.o = { ...DEFAULT_TREND_OPTIONS, ...opts };
  }

  /** Folds in one utterance's sentiment score (-1..1) lasting `durationS`; returns the new trend. */
  add(speaker: K, score: number, durationS: number): number {
    const s = Math.max(-1, Math.min(1, score));
    const prev = this.values.get(speaker);
    if (!prev) {
      this.values.set(speaker, { value: s, utterances: 1 });
      return s;
    }
    const d = Math.max(this.o.minDurationS, Math.min(this.o.maxDurationS, durationS));
    // Same smoothing per second of speech whatever the utterance lengths: weights compound over duration.
    const a = 1 - Math.pow(1 - this.o.alpha, d / this.o.referenceDurationS);
    prev.value += a * (s - prev.value);
    prev.utterances++;
    return prev.value;
  }

  /** The trend in -1..1; 0 (neutral) before the speaker has said anything. */
  value(speaker: K): number {
    return this.values.get(speaker)?.value ?? 0;
  }

  has(speaker: K): boolean { return this.values.has(speaker) }

  utterances(speaker: K): number { return this.values.get(speaker)?.utterances ?? 0 }
}
