// Picks the text classifier engine named in config (analysis.engine) and loads it once per process from local
// files. A configured engine that cannot load degrades to the next one (transformers -> embedded -> lexicon)
// with a warning carrying the error code, so a missing download never stops the server.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { modelSearchPath } from '../../models/locate.ts';
import type { TextClassifier } from '../types.ts';
import { loadEmbeddedClassifier } from './embedded.ts';
import { createLexiconClassifier } from './lexicon.ts';

export type ClassifierEngine = AppConfig['analysis']['engine'];
export interface ClassifierConfig { engine: ClassifierEngine; modelDir: string }

/** Default folder of the embedded model (under a model search path folder). */
export const EMBEDDED_MODEL_DIR = 'analysis-embedded';

/** First `<search folder>/<dir>` that exists (absolute `dir` is used as is); undefined when none. */
export function resolveModelDir(dir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = dir.startsWith('/') ? [dir] : modelSearchPath(env).map((d) => resolve(d, dir));
  return candidates.find((p) => existsSync(p));
}

function dirOrError(dir: string, env: NodeJS.ProcessEnv): string {
  const found = resolveModelDir(dir, env);
  if (!found) throw new AppError('MODEL_UNAVAILABLE', `text classifier model folder ${dir} not found; looked in: ${modelSearchPath(env).join(', ')}`);
  return found;
}

async function loadEngine(engine: ClassifierEngine, modelDir: string, env: NodeJS.ProcessEnv): Promise<TextClassifier> {
  if (engine === 'lexicon') return createLexiconClassifier();
  if (engine === 'embedded') return loadEmbeddedClassifier({ modelDir: dirOrError(modelDir, env) });
  const { loadTransformersClassifier } = await import('./transformers.ts');
  return loadTransformersClassifier({ modelDir: dirOrError(modelDir, env) });
}

export async function loadClassifier(cfg: ClassifierConfig, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<TextClassifier> {
  const chain: Array<[ClassifierEngine, string]> = [[cfg.engine, cfg.modelDir]];
  if (cfg.engine === 'transformers') chain.push(['embedded', EMBEDDED_MODEL_DIR]);
  if (cfg.engine !== 'lexicon') chain.push(['lexicon', '']);
  for (const [engine, dir] of chain) {
    try {
      const classifier = await loadEngine(engine, dir, env);
      if (engine !== cfg.engine) log.warn({ engine: classifier.name, wanted: cfg.engine }, 'text classifier fallback in use');
      return classifier;
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      log.warn({ engine, code, err: (err as Error).message }, 'text classifier engine could not load');
    }
  }
  return createLexiconClassifier(); // unreachable: the lexicon engine has no files to miss
}
