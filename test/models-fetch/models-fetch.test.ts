// models:fetch against loopback only: a tiny HTTP server serves a right archive, a wrong one, and one that
// never answers; the real upstream URL is tried too (this machine has no internet: it must fail fast).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'models-fetch-test-'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// a release-like tar.bz2: <root>/model.onnx, <root>/tokens.txt and a file we do not keep
const src = join(work, 'src/tiny-model-2024');
mkdirSync(src, { recursive: true });
writeFileSync(join(src, 'model.onnx'), 'weights');
writeFileSync(join(src, 'tokens.txt'), '<blk> 0\n');
writeFileSync(join(src, 'README.md'), 'not kept');
const archivePath = join(work, 'tiny.tar.bz2');
let archive: Buffer;
let server: Server;
let base: string;

beforeAll(async () => {
  await new Promise<void>((r, j) => execFile('tar', ['-cjf', archivePath, '-C', join(work, 'src'), 'tiny-model-2024'], (e) => (e ? j(e) : r())));
  archive = readFileSync(archivePath);
  server = createServer((req, res) => {
    if (req.url === '/right.tar.bz2') { res.end(archive); return }
    if (req.url === '/wrong.tar.bz2') { res.end(Buffer.from('tampered')); return }
    if (req.url === '/stall.tar.bz2') return; // never answers
    res.statusCode = 404; res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => { server.closeAllConnections(); server.close(); rmSync(work, { recursive: true, force: true }) });

function manifestFor(url: string, archiveSha = sha(archive)): string {
  const file = join(work, `manifest-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, models: [{
    name: 'tiny', task: 'asr', dir: 'tiny', license: 'Apache-2.0', committed: false,
    archive: { url, sha256: archiveSha, root: 'tiny-model-2024' },
    files: [{ path: 'model.onnx', sha256: sha(Buffer.from('weights')) }, { path: 'tokens.txt', sha256: null }],
  }] }));
  return file;
}

function fetchModels(args: string[]): Promise<{ code: number; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((r) => execFile(process.execPath, ['--import', 'tsx', 'scripts/models-fetch.ts', ...args], { cwd: ROOT }, (err, _out, stderr) =>
    r({ code: err ? (err as { code?: number }).code ?? 1 : 0, stderr, ms: Date.now() - t0 })));
}

describe('models:fetch', () => {
  it('downloads, verifies and unpacks only the listed files', async () => {
    const dest = join(work, 'dest-ok');
    const r = await fetchModels(['--manifest', manifestFor(`${base}/right.tar.bz2`), '--dest', dest]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dest, 'tiny/model.onnx'), 'utf8')).toBe('weights');
    expect(existsSync(join(dest, 'tiny/tokens.txt'))).toBe(true);
    expect(existsSync(join(dest, 'tiny/README.md'))).toBe(false);
    const again = await fetchModels(['--manifest', manifestFor(`${base}/right.tar.bz2`), '--dest', dest]);
    expect(again.stderr).toContain('already in');
  });

  it('refuses an archive whose sha256 differs and installs nothing', async () => {
    const dest = join(work, 'dest-wrong');
    const r = await fetchModels(['--manifest', manifestFor(`${base}/wrong.tar.bz2`), '--dest', dest]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sha256 of the download is [0-9a-f]{64}, the manifest expects/);
    expect(existsSync(join(dest, 'tiny'))).toBe(false);
  });

  it('gives up on a server that never answers within the timeout', async () => {
    const r = await fetchModels(['--manifest', manifestFor(`${base}/stall.tar.bz2`), '--dest', join(work, 'dest-stall'), '--timeout-ms', '800']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no answer from 127.0.0.1');
    expect(r.ms).toBeLessThan(10_000);
  });

  it('fails quickly with a clear message when upstream cannot be reached (no network)', async () => {
    const r = await fetchModels(['sherpa-zipformer-en-20M', '--dest', join(work, 'dest-real')]);
    if (r.code === 0) return; // a machine with internet: the real download worked
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no network here\?/);
    expect(r.ms).toBeLessThan(20_000);
  }, 30_000);

  it('accepts file:// URLs and names unknown models', async () => {
    const ok = await fetchModels(['--manifest', manifestFor(`file://${archivePath}`), '--dest', join(work, 'dest-file')]);
    expect(ok.code).toBe(0);
    const bad = await fetchModels(['nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not in');
  });
});
