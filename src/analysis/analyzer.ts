import type { Channel, EmotionLabel, SentimentLabel } from '../events.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { AppMetrics } from '../metrics.ts';
import { ArousalTracker, DEFAULT_AROUSAL_OPTIONS, DEFAULT_FUSION_OPTIONS, fuseEmotion, type ArousalOptions, type FusionOptions } from './arousal.ts';
import { detectIntents, type IntentOptions } from './intents.ts';
import { detectLifeEvents, type LifeEventOptions } from './life-events.ts';
import { findPii, redact, type PiiOptions } from './pii.ts';
import { computeProsody, type ProsodyOptions } from './prosody.ts';
import type { SpeechEmotionEngine } from './speech-emotion.ts';
import { SentimentTrend, type TrendOptions } from './trend.ts';
import type { TextClassification, TextClassifier, UtteranceAnalysis, UtteranceInput } from './types.ts';

// The analysis stage: one final utterance in, its sentiment, emotion, arousal, intents, life events and PII out.
// Rules and prosody run while the classifier works (onnxruntime runs on its own threads). A classifier that
// fails or stalls degrades that one utterance to a neutral result and a counter; analyze() never rejects.
// Intents and life events are read from the redacted text, so their quotes never carry a card number.

export interface AnalyzerOptions {
  classifier: TextClassifier;
  /** Optional acoustic emotion model; its arousal is averaged with the prosody one. */
  speechEmotion?: SpeechEmotionEngine;
  metrics?: Pick<AppMetrics, 'analysisLatency' | 'errors'>;
  logger?: Logger;
  /** A classifier answer later than this counts as a failure (ms). */
  classifierTimeoutMs?: number;
  /** Audio shorter than this gives no prosody or arousal (s). */
  minProsodyAudioS?: number;
  /** Calls whose state is kept; past this the oldest is dropped (a call whose end was never reported). */
  maxCalls?: number;
  prosody?: Partial<ProsodyOptions>;
  arousal?: Partial<ArousalOptions>;
  fusion?: Partial<FusionOptions>;
  trend?: Partial<TrendOptions>;
  intents?: Partial<IntentOptions>;
  lifeEvents?: Partial<LifeEventOptions>;
  pii?: Partial<PiiOptions>;
}
export const DEFAULT_ANALYZER_OPTIONS = { classifierTimeoutMs: 1000, minProsodyAudioS: 0.3, maxCalls: 10_000 } as const;

/** What the analyzer keeps per call: speaker baselines for arousal and the sentiment trend per channel. */
export interface CallAnalysisState {
  readonly callId: string;
  readonly arousal: ArousalTracker<Channel>;
  readonly trend: SentimentTrend<Channel>;
  utterances: number;
}

export interface AnalyzerStats {
  utterances: number;
  classifierFailures: number;
  speechEmotionFailures: number;
  ruleFailures: number;
  activeCalls: number;
}

export interface Analyzer {
  analyze(input: UtteranceInput): Promise<UtteranceAnalysis>;
  /** The call's state, created on first use. */
  forCall(callId: string): CallAnalysisState;
  /** Smoothed sentiment per channel for `metrics.sentimentTrend` (0 before a channel has spoken). */
  sentimentTrend(callId: string): { agent: number; customer: number };
  /** Frees the call's baselines and trend. */
  endCall(callId: string): void;
  readonly stats: Readonly<AnalyzerStats>;
}

const NEUTRAL: TextClassification = { sentiment: { label: 'neutral', score: 0 }, emotion: { label: 'neutral', score: 0 } };

export function createAnalyzer(opts: AnalyzerOptions): Analyzer {
  const o = { ...DEFAULT_ANALYZER_OPTIONS, ...opts };
  const arousalOpts = { ...DEFAULT_AROUSAL_OPTIONS, ...opts.arousal };
  const fusionOpts = { ...DEFAULT_FUSION_OPTIONS, ...opts.fusion };
  const calls = new Map<string, CallAnalysisState>();
  const stats: AnalyzerStats = { utterances: 0, classifierFailures: 0, speechEmotionFailures: 0, ruleFailures: 0, activeCalls: 0 };

  const degrade = (kind: 'classifierFailures' | 'speechEmotionFailures' | 'ruleFailures', input: UtteranceInput, err: unknown) => {
    stats[kind]++;
    o.metrics?.errors.inc({ code: 'ANALYSIS_DEGRADED' });
    // Ids and the error's class only: a model's error message may quote the utterance.
    o.logger?.warn({ callId: input.callId, utteranceId: input.utteranceId, code: 'ANALYSIS_DEGRADED', stage: kind, error: errorName(err) }, 'analysis degraded');
  };

  function forCall(callId: string): CallAnalysisState {
    let s = calls.get(callId);
    if (!s) {
      s = { callId, arousal: new ArousalTracker<Channel>(arousalOpts), trend: new SentimentTrend<Channel>(opts.trend), utterances: 0 };
      calls.set(callId, s);
      // Maps iterate in insertion order: the first key is the oldest call.
      if (calls.size > o.maxCalls) calls.delete(calls.keys().next().value as string);
      stats.activeCalls = calls.size;
    }
    return s;
  }

  async function analyze(input: UtteranceInput): Promise<UtteranceAnalysis> {
    const t0 = performance.now();
    const state = forCall(input.callId);
    state.utterances++;
    stats.utterances++;
    const text = input.text ?? '';
    const hasText = text.trim().length > 0;
    const audio = input.audio;
    const hasAudio = !!audio && audio.length >= o.minProsodyAudioS * (opts.prosody?.sampleRateHz ?? 16000);
    // Models start first so they work (on onnxruntime's threads) while rules and prosody run on this one.
    const classified = hasText
      ? withTimeout(Promise.resolve().then(() => o.classifier.classify(text)), o.classifierTimeoutMs)
      : Promise.resolve(NEUTRAL);
    const acoustic = hasAudio && o.speechEmotion
      ? withTimeout(Promise.resolve().then(() => o.speechEmotion!.estimate(audio!)), o.classifierTimeoutMs)
      : null;
    // Handled below; these avoid an unhandled rejection while the rules run.
    classified.catch(() => undefined);
    acoustic?.catch(() => undefined);

    let pii: UtteranceAnalysis['pii'] = [];
    let redactedText = '';
    let intents: UtteranceAnalysis['intents'] = [];
    let lifeEvents: UtteranceAnalysis['lifeEvents'] = [];
    try {
      const spans = findPii(text, { ...opts.pii, cardContext: input.cardContext });
      pii = spans;
      redactedText = redact(text, spans);
      intents = detectIntents(redactedText, opts.intents);
      lifeEvents = detectLifeEvents(redactedText, opts.lifeEvents);
    } catch (err) {
      degrade('ruleFailures', input, err);
      // Without a trustworthy redaction, nothing of the text may leave.
      if (redactedText === '' && text.length > 0) { pii = [{ kind: 'unknown', start: 0, end: text.length }]; redactedText = '[REDACTED]' }
    }

    let arousal: number | null = null;
    if (hasAudio) {
      try {
        arousal = state.arousal.observe(input.channel, computeProsody(audio!, input.words, opts.prosody));
      } catch (err) {
        degrade('ruleFailures', input, err);
      }
    }
    if (acoustic) {
      try {
        const a = Math.max(0, Math.min(1, (await acoustic).arousal));
        if (Number.isFinite(a)) arousal = arousal === null ? a : (arousal + a) / 2;
      } catch (err) {
        degrade('speechEmotionFailures', input, err);
      }
    }

    let textResult: TextClassification | null;
    try {
      textResult = sanitize(await classified);
    } catch (err) {
      degrade('classifierFailures', input, err);
      textResult = null;
    }
    const base = textResult ?? NEUTRAL;
    const emotion = textResult && arousal !== null
      ? fuseEmotion(base.emotion, base.emotionProbs, arousal, fusionOpts)
      : base.emotion;
    // A failed classification or an empty final says nothing about the mood: neither moves the trend.
    if (textResult && hasText) state.trend.add(input.channel, base.sentiment.score, Math.max(0, input.end - input.start));

    o.metrics?.analysisLatency.observe(performance.now() - t0);
    return {
      sentiment: base.sentiment,
      emotion,
      ...(arousal !== null ? { arousal: Math.round(arousal * 1000) / 1000 } : {}),
      intents, lifeEvents, pii, redactedText,
    };
  }

  return {
    analyze,
    forCall,
    sentimentTrend(callId) {
      const s = calls.get(callId);
      return { agent: s?.trend.value('agent') ?? 0, customer: s?.trend.value('customer') ?? 0 };
    },
    endCall(callId) {
      calls.delete(callId);
      stats.activeCalls = calls.size;
    },
    get stats() { return { ...stats } },
  };
}

const SENTIMENTS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const EMOTIONS: readonly EmotionLabel[] = ['anger', 'frustration', 'sadness', 'anxiety', 'confusion', 'gratitude', 'neutral'];

/** Rejects answers outside the contract (a broken engine must not put NaN or unknown labels on the wire). */
function sanitize(r: TextClassification): TextClassification {
  const ok = r && SENTIMENTS.includes(r.sentiment?.label) && Number.isFinite(r.sentiment.score)
    && EMOTIONS.includes(r.emotion?.label) && Number.isFinite(r.emotion.score);
  if (!ok) throw new AppError('INTERNAL', 'classifier returned a result outside the contract');
  return {
    sentiment: { label: r.sentiment.label, score: Math.max(-1, Math.min(1, r.sentiment.score)) },
    emotion: { label: r.emotion.label, score: Math.max(0, Math.min(1, r.emotion.score)) },
    ...(r.emotionProbs ? { emotionProbs: r.emotionProbs } : {}),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('INTERNAL', `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function errorName(err: unknown): string {
  return err instanceof AppError ? err.code : err instanceof Error ? err.name : typeof err;
}
