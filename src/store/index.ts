import { AppError } from '../errors.ts';
import { SqliteStore } from './sqlite.ts';
import type { CallStore } from './types.ts';

export type { CallStore, CallRow } from './types.ts';

/** SQLite by default (a file path); PostgreSQL when a postgres:// URL is configured. */
export async function openStore(opts: { url?: string; sqlitePath?: string }): Promise<CallStore> {
  if (opts.url) {
    if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new AppError('CONFIG_INVALID', 'store.url must be a postgres:// URL (leave it unset for the embedded SQLite store)');
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(opts.url);
  }
  return new SqliteStore(opts.sqlitePath ?? 'var/agent-assist.db');
}
