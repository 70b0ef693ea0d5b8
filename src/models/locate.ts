import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.ts';

/** The project root (this file is src/models/locate.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Folders searched for models, in order: AGENT_ASSIST_MODELS (colon-separated), the project's models/, then
 * ../shared/models beside the project (where this workplace keeps shared weights). Never the network.
 */
export function modelSearchPath(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.AGENT_ASSIST_MODELS ?? '').split(':').filter(Boolean).map((p) => resolve(p));
  return [...fromEnv, resolve(PROJECT_ROOT, 'models'), resolve(PROJECT_ROOT, '../shared/models')];
}

/** First existing `<folder>/<relPath>` on the search path; a clear error naming every place looked at. */
export function locateModelFile(relPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const tried = modelSearchPath(env).map((d) => resolve(d, relPath));
  const found = tried.find((p) => existsSync(p));
  if (!found) throw new AppError('MODEL_UNAVAILABLE', `model file ${relPath} not found; looked in: ${tried.join(', ')}`);
  return found;
}
