// Audio front end cost per 20 ms frame per call channel: G.711 decode, resampling to 16 kHz and Silero VAD,
// on one channel of a real fixture call (fixtures/calls/*.wav, mu-law 8 kHz) or, without fixtures, on
// espeak-ng speech. Medians over several runs; CPU time (process.cpuUsage, all threads) and wall time.
// Goal: the whole front end under 2% of one core per channel.
// Usage: npm run bench -- frontend
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeMulaw, encodeMulaw } from '../src/audio/g711.ts';
import { Resampler, resample } from '../src/audio/resample.ts';
import { parseWav, readWav } from '../src/replay/wav.ts';
import { SileroVad } from '../src/vad/silero.ts';

const FRAME_MS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** One channel of mu-law 8 kHz call audio, and where it came from. */
function loadAudio(): { mulaw: Uint8Array; source: string } {
  const dir = 'fixtures/calls';
  const wavs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.wav') && !f.includes('.16k.')).sort() : [];
  for (const f of wavs) {
    const w = readWav(join(dir, f));
    if (w.encoding !== 'mulaw' || w.sampleRateHz !== 8000) continue;
    const mono = new Uint8Array(w.data.length / w.channels);
    for (let i = 0; i < mono.length; i++) mono[i] = w.data[i * w.channels]; // first channel
    return { mulaw: mono, source: `${dir}/${f} (channel 1 of ${w.channels}, ${(mono.length / 8000).toFixed(1)} s)` };
  }
  // no fixture: espeak-ng speech with pauses, as a telephone channel would carry it
  const text = 'Thank you for calling. How can I help you today? I would like to ask about my last bill, it looks wrong.';
  const wav = execFileSync('espeak-ng', ['-v', 'en-us', '--stdout', text]);
  const w = parseWav(wav, 'espeak-ng');
  const speech = new Float32Array(w.data.length / 2);
  for (let i = 0; i < speech.length; i++) speech[i] = Buffer.from(w.data.buffer, w.data.byteOffset).readInt16LE(i * 2) / 32768;
  const at8k = resample(speech, w.sampleRateHz, 8000);
  const call = new Float32Array(at8k.length * 4); // speech then silence, twice
  call.set(at8k, 0); call.set(at8k, at8k.length * 2);
  return { mulaw: encodeMulaw(call), source: `espeak-ng speech with pauses (${(call.length / 8000).toFixed(1)} s); no mu-law fixture found` };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `body` RUNS times; returns median CPU and wall microseconds per frame. */
async function measure(frames: number, body: () => Promise<void> | void): Promise<{ cpuUs: number; wallUs: number }> {
  const cpu: number[] = [], wall: number[] = [];
  await body(); // warm-up (JIT, onnxruntime first run)
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    await body();
    const c = process.cpuUsage(c0), t = performance.now() - t0;
    cpu.push((c.user + c.system) / frames);
    wall.push((t * 1000) / frames);
  }
  return { cpuUs: median(cpu), wallUs: median(wall) };
}

export default async function run(): Promise<void> {
  const { mulaw, source } = loadAudio();
  const bytesPerFrame = (8000 * FRAME_MS) / 1000;
  const frames = Math.floor(mulaw.length / bytesPerFrame);
  const frameViews = Array.from({ length: frames }, (_, i) => mulaw.subarray(i * bytesPerFrame, (i + 1) * bytesPerFrame));

  const decoded = new Float32Array(bytesPerFrame);
  const g711 = await measure(frames, () => { for (const f of frameViews) decodeMulaw(f, decoded) });

  const pcm8k = frameViews.map((f) => decodeMulaw(f));
  const up = await measure(frames, () => { const r = new Resampler(8000, 16000); for (const f of pcm8k) r.process(f) });
  const upTs = await measure(frames, () => { const r = new Resampler(8000, 16000, { native: false }); for (const f of pcm8k) r.process(f) });
  const nativeResampler = new Resampler(8000, 16000).isNative;

  const wide = Array.from({ length: frames }, () => Float32Array.from({ length: 960 }, () => Math.random() * 0.1 - 0.05));
  const down48 = await measure(frames, () => { const r = new Resampler(48000, 16000); for (const f of wide) r.process(f) });
  const down48Ts = await measure(frames, () => { const r = new Resampler(48000, 16000, { native: false }); for (const f of wide) r.process(f) });

  const r16 = new Resampler(8000, 16000);
  const pcm16k = pcm8k.map((f) => r16.process(f));
  const vad = await SileroVad.load();
  let speechEdges = 0;
  const silero = await measure(frames, async () => {
    const s = vad.createStream();
    speechEdges = 0;
    for (const f of pcm16k) speechEdges += (await s.push(f)).length;
    speechEdges += s.flush().length;
  });

  const frameUs = FRAME_MS * 1000;
  const rows = [
    { stage: 'G.711 mu-law decode (160 B)', ...g711 },
    { stage: `resample 8 kHz -> 16 kHz (${nativeResampler ? 'native' : 'TypeScript'})`, ...up },
    { stage: 'Silero VAD (16 kHz, 32 ms windows)', ...silero },
  ];
  const total = { stage: 'total (telephone channel)', cpuUs: rows.reduce((s, r) => s + r.cpuUs, 0), wallUs: rows.reduce((s, r) => s + r.wallUs, 0) };
  const extra = [
    { stage: `(resample 48 kHz -> 16 kHz, wideband, ${nativeResampler ? 'native' : 'TypeScript'})`, ...down48 },
    { stage: '(resample 8 kHz -> 16 kHz, TypeScript loop)', ...upTs },
    { stage: '(resample 48 kHz -> 16 kHz, TypeScript loop)', ...down48Ts },
  ];
  const table = [...rows, total, ...extra].map((r) => ({
    stage: r.stage, 'cpu us/frame': +r.cpuUs.toFixed(2), 'wall us/frame': +r.wallUs.toFixed(2), '% of one core': +((100 * r.cpuUs) / frameUs).toFixed(3),
  }));
  const corePct = (100 * total.cpuUs) / frameUs;
  console.log(`frontend bench: ${frames} frames of ${FRAME_MS} ms from ${source}; median of ${RUNS} runs; ${speechEdges} VAD edges per run`);
  console.table(table);
  // issue 4: the native path stays only if it is at least 2x faster than the TypeScript loop
  const speedup = { upsample8k: +(upTs.cpuUs / up.cpuUs).toFixed(2), downsample48k: +(down48Ts.cpuUs / down48.cpuUs).toFixed(2) };
  if (nativeResampler) console.log(`native resampler vs TypeScript loop (CPU time): ${speedup.upsample8k}x at 8 -> 16 kHz, ${speedup.downsample48k}x at 48 -> 16 kHz (keep if >= 2x)`);
  console.log(`front end per channel: ${corePct.toFixed(2)}% of one core (goal < 2%): ${corePct < 2 ? 'met' : 'NOT met'}; about ${Math.floor(100 / corePct)} channels per core for the front end alone`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/frontend.json', JSON.stringify({
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadavg: os.loadavg() },
    at: new Date().toISOString(), source, frames, frameMs: FRAME_MS, runs: RUNS, rows: table, corePercentPerChannel: corePct, goalMet: corePct < 2,
    nativeResampler, ...(nativeResampler ? { nativeSpeedup: speedup } : {}),
  }, null, 2) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
