import type { AppConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { PhraseHints, phrasesOfRulePack } from '../asr/phrase-hints.ts';
import { selectAsrEngine, type EngineHooks } from '../asr/select.ts';
import type { AnalyzerProvider, CoachProvider, Providers, VadProvider } from './providers.ts';

/** Loads every stage not given, once per process, from local model files (never from the network). */
export async function loadProviders(config: AppConfig, log: Logger, given: Partial<Providers>, hooks: EngineHooks = {}): Promise<Providers> {
  // the rules' phrases become the recognizer's hints (filled when the coach loads its pack, and on each reload)
  const phraseHints = hooks.phraseHints ?? new PhraseHints();
  const [vad, asr, analyzer, coach] = await Promise.all([
    given.vad ?? loadVad(config),
    given.asr ?? selectAsrEngine(config, log, config.asr.engine, { ...hooks, phraseHints }),
    given.analyzer ?? loadAnalyzer(config, log),
    given.coach ?? loadCoach(config, phraseHints),
  ]);
  return { vad, asr, analyzer, coach };
}

async function loadVad(config: AppConfig): Promise<VadProvider> {
  const { loadSileroVad } = await import('../vad/index.ts');
  return loadSileroVad({
    threshold: config.vad.threshold, minSpeechMs: config.vad.minSpeechMs,
    hangoverMs: config.vad.hangoverMs, speechPadMs: config.vad.speechPadMs,
  });
}

async function loadAnalyzer(config: AppConfig, log: Logger): Promise<AnalyzerProvider> {
  const { createAnalyzer } = await import('../analysis/analyzer.ts');
  const { findPii, redact, redactWords } = await import('../analysis/pii.ts');
  const { CardContext } = await import('../analysis/pii-context.ts');
  const { loadClassifier } = await import('../analysis/classifier/index.ts');
  const classifier = await loadClassifier(config.analysis, log);
  const analyzer = createAnalyzer({ classifier, logger: log });
  return {
    forCall: (callId) => {
      const card = new CardContext();
      const observed = (text: string, atS?: number) => {
        if (atS === undefined) return {};
        card.observe(text, atS);
        return { cardContext: card.active(atS) };
      };
      return {
        analyze: (input) => analyzer.analyze({ ...input, cardContext: card.active(input.end) }),
        redact: (text, atS) => redact(text, findPii(text, observed(text, atS))),
        redactWords: (words, atS) => redactWords(words, observed(words.join(' '), atS)),
        end: () => analyzer.endCall(callId),
      };
    },
  };
}

async function loadCoach(config: AppConfig, phraseHints: PhraseHints): Promise<CoachProvider> {
  const { RuleEngine } = await import('../coach/engine.ts');
  return RuleEngine.load({ rulePackPath: config.coach.rulePack, kbDir: config.coach.kbDir, onPack: (pack) => phraseHints.set(phrasesOfRulePack(pack)) });
}
