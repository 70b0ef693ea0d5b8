import { existsSync, readFileSync } from 'node:fs';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { modelSearchPath } from '../models/locate.ts';
import { NoAsrEngine } from './none.ts';
import { OverflowAsrEngine } from './overflow.ts';
import type { PhraseHints } from './phrase-hints.ts';
import type { AsrEngine, AsrEngineName } from './types.ts';

type Concrete = Exclude<AsrEngineName, 'auto' | 'none'>;

/** Loads one engine by name; throws AppError (MODEL_UNAVAILABLE / ENGINE_UNAVAILABLE) when it cannot. */
async function loadEngine(name: Concrete, config: AppConfig, hooks: EngineHooks, embeddedBeamWidth?: number): Promise<AsrEngine> {
  const workers = config.asr.workers === 'auto' ? undefined : config.asr.workers;
  switch (name) {
    case 'embedded': {
      const { loadEmbeddedEngine } = await import('./embedded/index.ts');
      return loadEmbeddedEngine({ modelDir: findModelDir(config.asr.embeddedModelDir), workers, beam: config.asr.embeddedBeam,
        beamOptions: { phraseBoost: config.asr.phraseBoost, ...(embeddedBeamWidth ? { beamWidth: embeddedBeamWidth } : {}) },
        phraseHints: hooks.phraseHints });
    }
    case 'pocketsphinx': {
      const { loadPocketSphinxEngine } = await import('./pocketsphinx/index.ts');
      return loadPocketSphinxEngine({ workers: config.asr.workers, profile: config.asr.pocketsphinxProfile });
    }
    case 'sherpa': {
      const { loadSherpaEngine } = await import('./sherpa/index.ts');
      return loadSherpaEngine({ modelDir: findModelDir(config.asr.sherpaModelDir) });
    }
  }
}

/** First folder on the model search path that has `name`; else the project's models/<name> (for the error). */
function findModelDir(name: string): string {
  const dirs = modelSearchPath().map((d) => `${d}/${name}`);
  return dirs.find((d) => existsSync(d)) ?? dirs[0];
}

/**
 * Real-speech WER per engine from the model manifests (lower is better), for `auto`. Engines without a
 * measured figure rank last.
 */
export function measuredWer(): Record<Concrete, number> {
  const wer: Record<Concrete, number> = { embedded: Infinity, pocketsphinx: Infinity, sherpa: Infinity };
  for (const dir of modelSearchPath()) {
    const manifest = `${dir}/manifest.json`;
    if (!existsSync(manifest)) continue;
    try {
      const m = JSON.parse(readFileSync(manifest, 'utf8'));
      for (const entry of Array.isArray(m.models) ? m.models : []) {
        const engine = entry.asrEngine as Concrete | undefined;
        if (engine && engine in wer && typeof entry.realSpeechWer === 'number') wer[engine] = Math.min(wer[engine], entry.realSpeechWer);
      }
    } catch { /* an unreadable manifest ranks nothing */ }
  }
  return wer;
}

/**
 * The configured engine, or for `auto` the installed engine with the lowest measured real-speech WER.
 * An engine that cannot load falls back to the next one with a warning; the server never fails to start
 * for want of a recognizer (it runs with `none` and says so).
 */
export async function selectAsrEngine(config: AppConfig, log: Logger, requested: AsrEngineName = config.asr.engine,
  hooks: EngineHooks = {}): Promise<AsrEngine> {
  const engine = await selectPrimary(config, log, requested, hooks);
  return engine.name === 'pocketsphinx' ? withOverflow(engine, config, log, hooks) : engine;
}

export interface EngineHooks {
  /** An utterance of a live call was decoded by the overflow engine because the primary lagged. */
  onOverflow?: () => void;
  /** The coaching rules' phrases, boosted by the embedded engine's beam search (filled by the coach). */
  phraseHints?: PhraseHints;
}

const OVERFLOW_BEAM_WIDTH = 8;

/** PocketSphinx with the live overload policy of src/asr/overflow.ts (when configured and the engine loads). */
async function withOverflow(primary: AsrEngine, config: AppConfig, log: Logger, hooks: EngineHooks): Promise<AsrEngine> {
  if (config.asr.overflowEngine === 'none') return primary;
  try {
    // Under overload a late final is worthless: the fallback's beam is 8 wide (~6 ms per final) instead of the
    // default 32 (~36 ms; it put the 10-call e2e p95 at 1.15-1.19 s, measured 2026-12-04).
    const fallback = await loadEngine(config.asr.overflowEngine, config, hooks, OVERFLOW_BEAM_WIDTH);
    let shed = 0;
    let lastLog = 0;
    log.info({ engine: primary.name, overflowEngine: fallback.name, overflowLagMs: config.asr.overflowLagMs, overflowMaxSpeaking: config.asr.overflowMaxSpeaking, overflowFinalWaitMs: config.asr.overflowFinalWaitMs }, 'asr overload policy on');
    return new OverflowAsrEngine(primary, fallback, {
      maxLagMs: config.asr.overflowLagMs,
      maxSpeaking: config.asr.overflowMaxSpeaking,
      finalWaitMs: config.asr.overflowFinalWaitMs,
      onOverflow: () => {
        shed++;
        hooks.onOverflow?.();
        const now = Date.now();
        if (now - lastLog > 10_000) { // at most one line per 10 s however loaded
          lastLog = now;
          log.warn({ engine: primary.name, overflowEngine: fallback.name, utterances: shed }, 'recognizer behind: utterances decoded by the overflow engine');
        }
      },
    });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    log.warn({ overflowEngine: config.asr.overflowEngine, code: e.code, reason: e.message }, 'asr overflow engine not available: finals queue when the recognizer is behind');
    return primary;
  }
}

async function selectPrimary(config: AppConfig, log: Logger, requested: AsrEngineName, hooks: EngineHooks): Promise<AsrEngine> {
  if (requested === 'none') return new NoAsrEngine();
  const wer = measuredWer();
  const byWer = (Object.keys(wer) as Concrete[]).sort((a, b) => wer[a] - wer[b] || order(a) - order(b));
  const candidates: Concrete[] = requested === 'auto' ? byWer : [requested, ...byWer.filter((e) => e !== requested && e !== 'sherpa')];
  for (const name of candidates) {
    try {
      const engine = await loadEngine(name, config, hooks);
      if (requested === 'auto') log.info({ engine: name, realSpeechWer: Number.isFinite(wer[name]) ? wer[name] : null }, 'asr engine chosen by measured real-speech WER');
      else if (name !== requested) log.warn({ requested, engine: name }, 'requested asr engine unavailable, fell back');
      return engine;
    } catch (err) {
      const e = err as { code?: string; message?: string };
      log[requested === name ? 'warn' : 'info']({ engine: name, code: e.code, reason: e.message }, 'asr engine not available');
    }
  }
  log.error('no speech engine could be loaded: transcripts are off (VAD, timeline and silence rules still run)');
  return new NoAsrEngine();
}

/** Tie-break: the engines that need no download first. */
const order = (e: Concrete) => ({ pocketsphinx: 0, embedded: 1, sherpa: 2 })[e];
