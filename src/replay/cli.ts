import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { createPipeline } from '../call/pipeline.ts';
import { loadConfig, type ASR_ENGINES } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Channel } from '../events.ts';
import { createLogger } from '../log.ts';
import { batchCsv, batchHtml } from '../report/batch.ts';
import { digest, renderCallReport, type CallDigest } from '../report/call-report.ts';
import { CollectingSink, replayRecording, type Speed } from './run.ts';
import { readWav } from './wav.ts';

export interface ReplayCliOptions {
  map?: string; speed?: string; json?: boolean; report?: string; out?: string; asr?: (typeof ASR_ENGINES)[number];
}

/** `--map customer=left,agent=right` (or `customer=mono`) -> the party of each WAV channel in order. */
export function parseChannelMap(map: string, channels: number): Channel[] {
  const out: Array<Channel | undefined> = new Array(channels).fill(undefined);
  for (const part of map.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [party, side] = part.split('=').map((s) => s.trim().toLowerCase());
    if (party !== 'customer' && party !== 'agent') throw new AppError('BAD_REQUEST', `--map: unknown party "${party}" (customer or agent)`);
    const index = side === 'left' || side === '0' || side === 'mono' ? 0 : side === 'right' || side === '1' ? 1 : -1;
    if (index < 0) throw new AppError('BAD_REQUEST', `--map: unknown side "${side}" (left, right or mono)`);
    if (index < channels) out[index] = party;
  }
  if (channels === 1) return [out[0] ?? 'customer'];
  if (!out[0] || !out[1] || out[0] === out[1]) throw new AppError('BAD_REQUEST', `--map "${map}" must name a different party for left and right`);
  return out as Channel[];
}

function listInputs(paths: string[]): { files: string[]; folder: boolean } {
  const files: string[] = [];
  let folder = false;
  for (const p of paths) {
    if (!existsSync(p)) throw new AppError('NOT_FOUND', `${p}: no such file or folder`);
    if (statSync(p).isDirectory()) {
      folder = true;
      files.push(...readdirSync(p).filter((f) => f.toLowerCase().endsWith('.wav')).sort().map((f) => join(p, f)));
    } else files.push(p);
  }
  if (!files.length) throw new AppError('NOT_FOUND', 'no .wav files to replay');
  return { files, folder };
}

/** Runs `agent-assist replay`; returns the process exit code. Only events go to stdout (with --json). */
export async function replayCommand(paths: string[], o: ReplayCliOptions = {}): Promise<number> {
  const log = createLogger(process.env.AGENT_ASSIST_LOG_LEVEL ?? 'warn');
  let inputs: { files: string[]; folder: boolean };
  const speed: Speed = o.speed === undefined || o.speed === 'max' ? 'max' : (Number(o.speed) as Speed);
  try {
    if (![1, 2, 4, 'max'].includes(speed)) throw new AppError('BAD_REQUEST', `--speed must be 1, 2, 4 or max`);
    inputs = listInputs(paths);
  } catch (err) {
    process.stderr.write(`replay: ${(err as Error).message}\n`);
    return 2;
  }
  const config = loadConfig(o.asr ? { asr: { engine: o.asr } } : {});
  const pipeline = await createPipeline(config, log);
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'replay {file} [{bar}] {percentage}% | {value}/{total} s', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  const done: Array<{ file: string; digest: CallDigest; report?: string }> = [];
  let failures = 0;
  const outDir = resolve(o.out ?? 'replay-out');
  try {
    for (const file of inputs.files) {
      try {
        const wav = readWav(file);
        const sink = new CollectingSink(o.json ? { publish: (ev) => process.stdout.write(JSON.stringify(ev) + '\n') } : undefined);
        const callId = basename(file).replace(/\.wav$/i, '');
        bar?.start(Math.round(wav.durationS), 0, { file: basename(file) });
        const t0 = performance.now();
        await replayRecording(wav, {
          pipeline, sink, callId, speed, channelMap: parseChannelMap(o.map ?? 'customer=left,agent=right', wav.channels),
          startAtMs: Math.floor(statSync(file).mtimeMs), onProgress: (s) => bar?.update(Math.round(s)),
        });
        bar?.stop();
        const d = digest(sink.events);
        let report: string | undefined;
        if (o.report && !inputs.folder) { writeFileSync(o.report, renderCallReport(sink.events)); report = o.report }
        else if (inputs.folder) {
          mkdirSync(outDir, { recursive: true });
          report = `${callId}.html`;
          writeFileSync(join(outDir, report), renderCallReport(sink.events));
        }
        done.push({ file: basename(file), digest: d, report });
        const wallS = (performance.now() - t0) / 1000;
        if (!o.json) {
          process.stderr.write(`${basename(file)}: ${d.durationS.toFixed(1)} s, ${d.utterances} utterances, prompts ${JSON.stringify(d.prompts)}; ` +
            `replayed in ${wallS.toFixed(1)} s (${(wav.durationS / Math.max(wallS, 1e-3)).toFixed(1)}x real time, speech engine ${pipeline.providers.asr.name})\n`);
        }
      } catch (err) {
        bar?.stop();
        failures++;
        process.stderr.write(`replay: ${file}: ${(err as Error).message}\n`);
      }
    }
    if (speed === 'max' && !o.asr && done.length > 0 && pipeline.providers.asr.name === 'pocketsphinx') {
      // PocketSphinx needs ~0.5 CPU-s per second of a two-party call: a few times real time on 2 cores (README,
      // "Benchmarks"); the user did not choose the engine, so say how to go faster and at what cost
      process.stderr.write('replay: PocketSphinx decoded these calls; --asr embedded replays about 8x faster, but is less accurate on real voices (README, "Speech engines")\n');
    }
    if (inputs.folder) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, 'summary.csv'), batchCsv(done));
      writeFileSync(join(outDir, 'summary.html'), batchHtml(done));
      if (!o.json) process.stderr.write(`batch summary: ${join(outDir, 'summary.csv')} and summary.html\n`);
    }
  } finally {
    await pipeline.close();
  }
  return failures > 0 ? 1 : 0;
}
