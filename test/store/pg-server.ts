// A throwaway PostgreSQL cluster for tests: initdb in a temp folder, listening on a Unix socket only.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const v = readdirSync(root).sort().at(-1);
  return v && existsSync(join(root, v, 'bin', 'initdb')) ? join(root, v, 'bin') : null;
}

export function startPostgres(): { url: string; stop(): void } {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries not installed (Debian package postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const asPg = (args: string[]) => execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a}'`).join(' ')], { stdio: 'pipe' });
  asPg([`${bin}/initdb`, '-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
  const port = 20000 + Math.floor(Math.random() * 20000);
  asPg([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-w', '-l', `${dir}/log`, '-o', `-p ${port} -k ${dir} -c listen_addresses=`, 'start']);
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    stop() {
      try { asPg([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'immediate', 'stop']) } catch { /* already down */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
