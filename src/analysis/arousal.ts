import type { EmotionLabel } from '../events.ts';
import type { Prosody } from './prosody.ts';

// Arousal in [0, 1] from how an utterance's prosody departs from the same speaker's running baseline in this call
// (a raised voice is louder, higher and wider in pitch, and often faster). Absolute levels say little: channel
// gain and a speaker's natural pitch vary far more between calls than within one, so the first utterances are
// compared with a wide prior that the speaker's own utterances quickly replace.

type FeatureName = 'energyDb' | 'pitchSt' | 'pitchRangeSt' | 'rateWps';
const FEATURES: readonly FeatureName[] = ['energyDb', 'pitchSt', 'pitchRangeSt', 'rateWps'];

export interface ArousalOptions {
  /** Contribution of each feature's z-score (normalised over the features present). */
  weights: Record<FeatureName, number>;
  /**
   * Priors per feature (pitch in semitones re 100 Hz): `mean` and `sd` across speakers score the first utterance;
   * `withinSd`, the usual utterance-to-utterance spread of one speaker, steadies the baseline's spread while it
   * has few utterances.
   */
  prior: Record<FeatureName, { mean: number; sd: number; withinSd: number }>;
  /** How many utterances the within-speaker spread prior counts for. */
  priorWeight: number;
  /** The baseline forgets: it never counts more than this many utterances, so it follows a drifting level. */
  maxBaselineWeight: number;
  /** Spread never below this, so a very steady speaker does not turn small changes into huge z-scores. */
  minSd: Record<FeatureName, number>;
  /** arousal = sigmoid(gain * weighted z + bias); bias < 0 puts the speaker's usual voice at about 0.35. */
  gain: number;
  bias: number;
}
export const DEFAULT_AROUSAL_OPTIONS: ArousalOptions = {
  weights: { energyDb: 0.4, pitchSt: 0.3, pitchRangeSt: 0.15, rateWps: 0.15 },
  prior: {
    energyDb: { mean: -26, sd: 8, withinSd: 3 },       // active speech level on a telephone channel (dBFS)
    pitchSt: { mean: 8, sd: 5, withinSd: 1.5 },        // ~160 Hz, wide enough for low and high voices
    pitchRangeSt: { mean: 4, sd: 2.5, withinSd: 1.5 },
    rateWps: { mean: 2.7, sd: 0.8, withinSd: 0.5 },    // ~160 words per minute
  },
  priorWeight: 3,
  maxBaselineWeight: 20,
  minSd: { energyDb: 2, pitchSt: 1, pitchRangeSt: 1, rateWps: 0.3 },
  gain: 1.5,
  bias: -0.6,
};

export type ArousalFeatures = Record<FeatureName, number | null>;

export function arousalFeatures(p: Prosody): ArousalFeatures {
  return {
    energyDb: p.energyDb,
    pitchSt: p.pitchMedianHz !== null ? 12 * Math.log2(p.pitchMedianHz / 100) : null,
    pitchRangeSt: p.pitchRangeSt,
    rateWps: p.rateWps,
  };
}

/**
 * Running weighted mean and variance of one speaker's features. Until a feature has been seen, the cross-speaker
 * prior scores it; afterwards the speaker's own mean does, with a spread that starts at the within-speaker prior.
 */
export class SpeakerBaseline {
  private readonly stats: Record<FeatureName, { w: number; mean: number; m2: number }>;
  utterances = 0;

  constructor(private readonly o: ArousalOptions = DEFAULT_AROUSAL_OPTIONS) {
    this.stats = Object.fromEntries(FEATURES.map((f) => [f, { w: 0, mean: 0, m2: 0 }])) as SpeakerBaseline['stats'];
  }

  private center(f: FeatureName): { mean: number; sd: number } {
    const s = this.stats[f];
    const p = this.o.prior[f];
    if (s.w === 0) return { mean: p.mean, sd: p.sd };
    const variance = (this.o.priorWeight * p.withinSd * p.withinSd + s.m2) / (this.o.priorWeight + s.w);
    return { mean: s.mean, sd: Math.max(this.o.minSd[f], Math.sqrt(variance)) };
  }

  /** z-score per feature against the baseline (null where the utterance lacks the feature). */
  zScores(x: ArousalFeatures): Record<FeatureName, number | null> {
    const out = {} as Record<FeatureName, number | null>;
    for (const f of FEATURES) {
      const v = x[f];
      const c = this.center(f);
      out[f] = v === null ? null : (v - c.mean) / c.sd;
    }
    return out;
  }

  /** Adds an utterance. Outliers are clipped to 3 sd first so one shout does not move the baseline much. */
  update(x: ArousalFeatures): void {
    this.utterances++;
    for (const f of FEATURES) {
      let v = x[f];
      if (v === null) continue;
      const s = this.stats[f];
      if (s.w > 0) {
        const c = this.center(f);
        v = Math.max(c.mean - 3 * c.sd, Math.min(c.mean + 3 * c.sd, v));
      }
      // Weighted Welford; once the weight reaches the cap, old evidence decays geometrically.
      const decay = s.w + 1 > this.o.maxBaselineWeight ? (this.o.maxBaselineWeight - 1) / s.w : 1;
      s.w *= decay; s.m2 *= decay;
      const w = s.w + 1;
      const delta = v - s.mean;
      s.mean += delta / w;
      s.m2 += delta * (v - s.mean);
      s.w = w;
    }
  }
}

/** Arousal of one utterance against `baseline` (not updated here), or null when no feature was measurable. */
export function arousalAgainst(baseline: SpeakerBaseline, x: ArousalFeatures, o: ArousalOptions = DEFAULT_AROUSAL_OPTIONS): number | null {
  const z = baseline.zScores(x);
  let sum = 0, wsum = 0;
  for (const f of FEATURES) {
    const v = z[f];
    if (v === null || !Number.isFinite(v)) continue;
    sum += o.weights[f] * Math.max(-3, Math.min(3, v));
    wsum += o.weights[f];
  }
  if (wsum === 0) return null;
  return sigmoid(o.gain * (sum / wsum) + o.bias);
}

/** Per-channel baselines for one call: `observe` scores an utterance, then folds it into the baseline. */
export class ArousalTracker<K extends string = string> {
  private readonly baselines = new Map<K, SpeakerBaseline>();
  constructor(private readonly o: ArousalOptions = DEFAULT_AROUSAL_OPTIONS) {}

  observe(speaker: K, prosody: Prosody): number | null {
    let b = this.baselines.get(speaker);
    if (!b) { b = new SpeakerBaseline(this.o); this.baselines.set(speaker, b); }
    const x = arousalFeatures(prosody);
    const a = arousalAgainst(b, x, this.o);
    b.update(x);
    return a;
  }
}

// How much each emotion goes with an aroused voice (+) or a calm one (-).
const AROUSAL_AFFINITY: Record<EmotionLabel, number> = {
  anger: 1, frustration: 0.8, anxiety: 0.5, confusion: 0, gratitude: 0, sadness: -0.6, neutral: -0.4,
};

export interface FusionOptions {
  /** Log-odds shift per unit of affinity at arousal 1 (or minus that at arousal 0). */
  strength: number;
  /** A label other than the text's top label can win only if the text itself gave it this probability. */
  minAlternativeProb: number;
}
export const DEFAULT_FUSION_OPTIONS: FusionOptions = { strength: 1.5, minAlternativeProb: 0.25 };

/**
 * Text emotion adjusted by arousal: anger or frustration said in a raised voice is more certain than either cue
 * alone, and less certain said calmly. The label changes only to one the text classifier itself found likely
 * (`emotionProbs`): the voice can settle a close call between two labels, never invent an emotion.
 */
export function fuseEmotion(
  text: { label: EmotionLabel; score: number }, probs: Partial<Record<EmotionLabel, number>> | undefined,
  arousal: number, o: FusionOptions = DEFAULT_FUSION_OPTIONS,
): { label: EmotionLabel; score: number } {
  const shift = (label: EmotionLabel) => o.strength * AROUSAL_AFFINITY[label] * (2 * arousal - 1);
  const fused = (label: EmotionLabel, p: number) => logit(p) + shift(label);
  let best = { label: text.label, value: fused(text.label, text.score) };
  for (const [label, p] of Object.entries(probs ?? {}) as Array<[EmotionLabel, number]>) {
    if (label === text.label || !(p >= o.minAlternativeProb)) continue;
    const v = fused(label, p);
    if (v > best.value) best = { label, value: v };
  }
  return { label: best.label, score: round3(sigmoid(best.value)) };
}

function sigmoid(x: number): number { return 1 / (1 + Math.exp(-x)) }
function logit(p: number): number { const q = Math.min(0.999, Math.max(0.001, p)); return Math.log(q / (1 - q)) }
function round3(x: number): number { return Math.round(x * 1000) / 1000 }
