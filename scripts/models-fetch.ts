// Downloads the models of models/manifest.json that are not committed (those with an `archive`), checks the
// archive's sha256, and unpacks the listed files into models/<dir>/. For a machine with internet; without it,
// it fails within the timeout with a clear message and exit code 1.
//
// usage: npm run models:fetch -- [name ...] [--manifest <file>] [--dest <models dir>] [--timeout-ms <ms>]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ManifestFile { path: string; bytes?: number; sha256: string | null }
interface ManifestModel {
  name: string; dir: string; license: string; committed?: boolean;
  archive?: { url: string; sha256: string; bytes?: number; root: string };
  files: ManifestFile[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_TIMEOUT_MS = 15_000;

class FetchError extends Error {}

function parseArgs(argv: string[]): { names: string[]; manifest: string; dest: string; timeoutMs: number } {
  const out = { names: [] as string[], manifest: join(ROOT, 'models/manifest.json'), dest: join(ROOT, 'models'), timeoutMs: DEFAULT_TIMEOUT_MS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--manifest') out.manifest = resolve(argv[++i]);
    else if (a === '--dest') out.dest = resolve(argv[++i]);
    else if (a === '--timeout-ms') out.timeoutMs = Number(argv[++i]);
    else if (a.startsWith('--')) throw new FetchError(`unknown option ${a}`);
    else out.names.push(a);
  }
  return out;
}

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => res(h.digest('hex'))).on('error', rej);
  });
}

/**
 * Streams `url` (http, https or file) to `to`, hashing on the way. The timeout covers connecting and every
 * pause between chunks (ms), so a dead network fails fast and a slow but live download goes on.
 */
async function download(url: string, to: string, timeoutMs: number): Promise<string> {
  if (url.startsWith('file:')) {
    const from = fileURLToPath(url);
    if (!existsSync(from)) throw new FetchError(`${from} does not exist`);
    execFileSync('cp', [from, to]);
    return sha256File(to);
  }
  const ctrl = new AbortController();
  let timer = setTimeout(() => ctrl.abort(), timeoutMs);
  const kick = () => { clearTimeout(timer); timer = setTimeout(() => ctrl.abort(), timeoutMs) };
  try {
    const res = await fetch(url, { signal: ctrl.signal, redirect: 'follow' });
    if (!res.ok || !res.body) throw new FetchError(`HTTP ${res.status} from ${url}`);
    const total = Number(res.headers.get('content-length') ?? 0);
    const hash = createHash('sha256');
    const file = createWriteStream(to);
    let got = 0, lastReport = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      kick();
      hash.update(chunk);
      got += chunk.length;
      if (!file.write(chunk)) await new Promise<void>((r) => file.once('drain', () => r()));
      if (got - lastReport > 8 << 20) { lastReport = got; process.stderr.write(`  ${(got / 1e6).toFixed(0)} MB${total ? ` of ${(total / 1e6).toFixed(0)} MB` : ''}\n`) }
    }
    await new Promise<void>((r, j) => file.end((err?: Error | null) => (err ? j(err) : r())));
    return hash.digest('hex');
  } catch (err) {
    if (ctrl.signal.aborted) throw new FetchError(`no answer from ${new URL(url).host} within ${timeoutMs / 1000} s (no network here? run this on a machine with internet, or copy the model folder by hand)`);
    if (err instanceof FetchError) throw err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(`cannot download ${url}: ${cause?.code ?? ''} ${cause?.message ?? (err as Error).message} (no network here? run this on a machine with internet)`.replace(/\s+/g, ' '));
  } finally { clearTimeout(timer) }
}

async function fetchModel(m: ManifestModel, dest: string, timeoutMs: number): Promise<void> {
  const a = m.archive!;
  const target = join(dest, m.dir);
  const present = await Promise.all(m.files.map(async (f) => existsSync(join(target, f.path)) && (f.sha256 === null || (await sha256File(join(target, f.path))) === f.sha256)));
  if (present.every(Boolean)) { process.stderr.write(`${m.name}: already in ${target}\n`); return }

  const work = mkdtempSync(join(tmpdir(), 'models-fetch-'));
  try {
    const file = join(work, 'archive');
    process.stderr.write(`${m.name}: downloading ${a.url}\n`);
    const got = await download(a.url, file, timeoutMs);
    if (got !== a.sha256) throw new FetchError(`${m.name}: sha256 of the download is ${got}, the manifest expects ${a.sha256}; nothing was installed`);
    const members = m.files.map((f) => `${a.root}/${f.path}`);
    try {
      execFileSync('tar', ['-xaf', file, '-C', work, ...members], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      throw new FetchError(`${m.name}: cannot unpack ${members.join(', ')} from the archive: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`);
    }
    mkdirSync(target, { recursive: true });
    for (const f of m.files) {
      const from = join(work, a.root, f.path);
      const sum = await sha256File(from);
      if (f.sha256 !== null && sum !== f.sha256) process.stderr.write(`${m.name}: warning: ${f.path} has sha256 ${sum}, manifest says ${f.sha256} (archive verified; update the manifest)\n`);
      renameSync(from, join(target, f.path));
    }
    process.stderr.write(`${m.name}: installed ${m.files.length} files in ${target} (${m.license})\n`);
  } finally { rmSync(work, { recursive: true, force: true }) }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const manifest = JSON.parse(readFileSync(args.manifest, 'utf8')) as { models: ManifestModel[] };
  const fetchable = manifest.models.filter((m) => m.archive);
  const unknown = args.names.filter((n) => !manifest.models.some((m) => m.name === n));
  if (unknown.length > 0) throw new FetchError(`not in ${args.manifest}: ${unknown.join(', ')}`);
  const chosen = args.names.length > 0 ? fetchable.filter((m) => args.names.includes(m.name)) : fetchable;
  for (const m of chosen) await fetchModel(m, args.dest, args.timeoutMs);
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`models:fetch failed: ${err instanceof FetchError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
