// `npm run bench [-- name ...]`: runs every bench/*.bench.ts (or the named ones: `frontend`, `frontend.bench.ts`)
// one after another, each exporting a default `async function run()` that prints its table and writes
// bench/results/<name>.json. Prints the machine first; writes bench/results/last-run.json with what ran.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1), loadavg: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

async function main(): Promise<number> {
  const all = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.bench.ts')).sort();
  const wanted = process.argv.slice(2).map((a) => a.replace(/^bench\//, '').replace(/\.bench\.ts$/, ''));
  const unknown = wanted.filter((w) => !all.includes(`${w}.bench.ts`));
  if (unknown.length > 0) {
    console.error(`no such bench: ${unknown.join(', ')} (have: ${all.map((f) => f.replace('.bench.ts', '')).join(', ')})`);
    return 1;
  }
  const chosen = wanted.length > 0 ? wanted.map((w) => `${w}.bench.ts`) : all;
  const m = machine();
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, node ${m.node}, ${m.platform}, load ${m.loadavg.join(' ')}`);
  const results: Array<{ bench: string; ok: boolean; seconds: number; error?: string }> = [];
  for (const file of chosen) {
    const name = file.replace('.bench.ts', '');
    console.log(`\n== ${name} ==`);
    const t0 = performance.now();
    try {
      const mod = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { default?: () => Promise<void> };
      if (typeof mod.default !== 'function') throw new Error(`${file} has no default export run()`);
      await mod.default();
      results.push({ bench: name, ok: true, seconds: +((performance.now() - t0) / 1000).toFixed(1) });
    } catch (err) {
      console.error(`${name} failed: ${(err as Error).stack ?? err}`);
      results.push({ bench: name, ok: false, seconds: +((performance.now() - t0) / 1000).toFixed(1), error: String((err as Error).message ?? err) });
    }
  }
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  writeFileSync(join(BENCH_DIR, 'results/last-run.json'), JSON.stringify({ machine: m, at: new Date().toISOString(), results }, null, 2) + '\n');
  console.log(`\n${results.filter((r) => r.ok).length} of ${results.length} benches ran; results in bench/results/`);
  return results.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main();
