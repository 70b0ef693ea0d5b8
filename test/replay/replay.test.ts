// The replay driver and the `agent-assist replay` command, around a FakePipeline (no models): audio reaches the
// right party at 16 kHz in 20 ms steps of a virtual clock, `--speed max` is repeatable, `--json` prints only
// events, a folder gets per-call reports and a batch summary.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AssistEvent, TranscriptEvent } from '../../src/events.ts';
import { CollectingSink, replayRecording } from '../../src/replay/run.ts';
import { parseWav } from '../../src/replay/wav.ts';
import { FakePipeline } from './fake-pipeline.ts';
import { interleave, tone, wavOf } from './wav-builder.ts';

const fakes = vi.hoisted(() => ({ pipelines: [] as unknown[] }));
vi.mock('../../src/call/pipeline.ts', async () => {
  const { FakePipeline: Fake } = await import('./fake-pipeline.ts');
  return { createPipeline: async () => { const p = new Fake(); fakes.pipelines.push(p); return p.asPipeline() } };
});
const { replayCommand } = await import('../../src/replay/cli.ts');

const silence = (rateHz: number, s: number) => new Float32Array(Math.round(rateHz * s));
/** Stereo call: the left channel speaks (a tone) for `leftS` seconds then both are quiet for 1 s. */
function stereoCall(encoding: 'pcm16' | 'mulaw' | 'alaw', rateHz: number, leftS: number): Buffer {
  const left = new Float32Array(Math.round(rateHz * (leftS + 1)));
  left.set(tone(300, rateHz, leftS));
  return wavOf(encoding, interleave(left, silence(rateHz, leftS + 1)), rateHz, 2);
}
const finals = (events: AssistEvent[]) => events.filter((e): e is TranscriptEvent => e.type === 'transcript' && e.final);

describe('replayRecording (FakePipeline)', () => {
  it('feeds each party 16 kHz audio in 20 ms steps of the virtual clock, then stops the call', async () => {
    const fake = new FakePipeline();
    const sink = new CollectingSink();
    const wav = parseWav(stereoCall('mulaw', 8000, 2)); // 3 s
    await replayRecording(wav, { pipeline: fake.asPipeline(), sink, callId: 'c1', startAtMs: 1_000_000, channelMap: ['customer', 'agent'] });
    const s = fake.sessions[0];
    expect(s.info).toMatchObject({ callId: 'c1', agentId: 'replay', source: 'replay' });
    expect(s.opts.deterministic).toBe(true);
    expect(s.opts.channels?.sort()).toEqual(['agent', 'customer']);
    // 8 kHz -> 16 kHz: 48 000 samples per party (the resampler's flush returns its tail)
    for (const ch of ['customer', 'agent'] as const) expect(Math.abs(s.samples.get(ch)! - 48000)).toBeLessThanOrEqual(64);
    const customerPushes = s.pushes.filter((p) => p.channel === 'customer');
    expect(customerPushes[0].clockMs).toBe(1_000_020);
    expect(customerPushes[150 - 1].clockMs).toBe(1_000_000 + 3000); // frame 150 ends at 3.000 s
    expect(new Set(customerPushes.slice(1, 149).map((p, i) => p.clockMs - customerPushes[i].clockMs))).toEqual(new Set([20]));
    // the left channel's tone is the customer's, the right channel stays quiet
    expect(finals(sink.events).map((f) => f.text)).toEqual(['customer spoke in second 0', 'customer spoke in second 1']);
    expect(sink.events[0].type).toBe('call.started');
    expect(sink.events.at(-1)!.type).toBe('call.ended');
    expect(s.stopped).toBe(true);
  });

  it('honours the channel map (agent on the left) and mono files (one party)', async () => {
    const fake = new FakePipeline();
    const sink = new CollectingSink();
    await replayRecording(parseWav(stereoCall('pcm16', 16000, 1)), { pipeline: fake.asPipeline(), sink, callId: 'c2', channelMap: ['agent', 'customer'] });
    expect(finals(sink.events).map((f) => f.channel)).toEqual(['agent']);

    const mono = new CollectingSink();
    await replayRecording(parseWav(wavOf('alaw', tone(200, 44100, 1.2), 44100)), { pipeline: fake.asPipeline(), sink: mono, callId: 'c3' });
    const s = fake.sessions[1];
    expect(s.opts.channels).toEqual(['customer']);
    expect([...s.samples.keys()]).toEqual(['customer']);
    expect(Math.abs(s.samples.get('customer')! - 19200)).toBeLessThanOrEqual(64); // 1.2 s at 16 kHz
    expect(finals(mono.events).map((f) => f.text)).toEqual(['customer spoke in second 0']);
  });

  it('refuses a channel map that does not fit the file', async () => {
    const wav = parseWav(stereoCall('pcm16', 8000, 0.1));
    await expect(replayRecording(wav, { pipeline: new FakePipeline().asPipeline(), sink: new CollectingSink(), callId: 'x', channelMap: ['customer'] }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('--speed max gives the same events on every run', async () => {
    const bytes = stereoCall('mulaw', 8000, 2.5);
    const run = async () => {
      const sink = new CollectingSink();
      await replayRecording(parseWav(bytes), { pipeline: new FakePipeline().asPipeline(), sink, callId: 'same', startAtMs: 42, speed: 'max' });
      return JSON.stringify(sink.events);
    };
    expect(await run()).toBe(await run());
  });

  it('paces frames in real time / speed at 4x, and runs ahead of real time at max', async () => {
    const wav = parseWav(wavOf('pcm16', silence(8000, 1), 8000)); // 1 s
    const timed = async (speed: 4 | 'max') => {
      const t0 = performance.now();
      const fake = new FakePipeline();
      await replayRecording(wav, { pipeline: fake.asPipeline(), sink: new CollectingSink(), callId: 'p', speed });
      expect(fake.sessions[0].opts.deterministic).toBe(speed === 'max');
      return performance.now() - t0;
    };
    const at4 = await timed(4);
    expect(at4).toBeGreaterThanOrEqual(235); // 1 s / 4 = 250 ms, less the last frame's wait
    expect(at4).toBeLessThan(1000);
    expect(await timed('max')).toBeLessThan(at4);
  });
});

describe('replayCommand (FakePipeline)', () => {
  let dir: string;
  let out: string[] = [], err: string[] = [];
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'replay-cli-')) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());
  function capture() {
    out = []; err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out.push(String(chunk)); return true });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { err.push(String(chunk)); return true });
  }
  const file = (name: string, bytes: Buffer, where = dir) => { const p = join(where, name); writeFileSync(p, bytes); utimesSync(p, 1_700_000_000, 1_700_000_000); return p };

  it('--json prints one event per line on stdout and nothing else; the pipeline is closed', async () => {
    const path = file('call-a.wav', stereoCall('mulaw', 8000, 2));
    capture();
    const code = await replayCommand([path], { json: true, speed: 'max' });
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const lines = out.join('').split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    const events = lines.map((l) => JSON.parse(l) as AssistEvent);
    expect(events[0]).toMatchObject({ type: 'call.started', callId: 'call-a', source: 'replay', at: 1_700_000_000_000 });
    expect(events.at(-1)!.type).toBe('call.ended');
    expect(events.every((e) => typeof e.type === 'string')).toBe(true);
    expect(finals(events).map((f) => f.channel)).toEqual(['customer', 'customer']);
    expect(err.join('')).not.toMatch(/\[.*\]\s+\d+%/); // no progress bar when stderr is not a TTY
    expect((fakes.pipelines.at(-1) as FakePipeline).closed).toBe(true);
  });

  it('at --speed max with PocketSphinx chosen by default, says that --asr embedded is faster; not when the user chose', async () => {
    const path = file('call-hint.wav', stereoCall('mulaw', 8000, 1));
    FakePipeline.asrName = 'pocketsphinx';
    try {
      capture();
      expect(await replayCommand([path], { speed: 'max' })).toBe(0);
      const byDefault = err.join('');
      capture();
      expect(await replayCommand([path], { speed: 'max', asr: 'pocketsphinx' })).toBe(0);
      const chosen = err.join('');
      capture();
      expect(await replayCommand([path], { speed: '4' })).toBe(0);
      const paced = err.join('');
      vi.restoreAllMocks();
      expect(byDefault).toMatch(/--asr embedded replays about 8x faster/);
      expect(chosen).not.toMatch(/--asr embedded/);
      expect(paced).not.toMatch(/--asr embedded/);
    } finally {
      FakePipeline.asrName = 'fake';
    }
  });

  it('--map agent=left,customer=right moves the left channel to the agent', async () => {
    const path = file('call-b.wav', stereoCall('pcm16', 16000, 1));
    capture();
    expect(await replayCommand([path], { json: true, map: 'agent=left,customer=right' })).toBe(0);
    vi.restoreAllMocks();
    const events = out.join('').trim().split('\n').map((l) => JSON.parse(l) as AssistEvent);
    expect(finals(events).map((f) => f.channel)).toEqual(['agent']);
  });

  it('--report writes a self-contained HTML report of the call', async () => {
    const path = file('call-c.wav', stereoCall('alaw', 8000, 2));
    const report = join(dir, 'call-c.html');
    capture();
    expect(await replayCommand([path], { report })).toBe(0);
    vi.restoreAllMocks();
    expect(out.join('')).toBe(''); // without --json nothing goes to stdout
    expect(err.join('')).toMatch(/call-c\.wav: 3\.0 s, 2 utterances/);
    // how fast the replay went, and with which speech engine
    expect(err.join('')).toMatch(/replayed in \d+\.\d s \(\d+\.\dx real time, speech engine \S+\)/);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('customer spoke in second 1');
    expect(html).toContain('<svg class="chart"');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('a folder: a report per call and a batch summary (CSV and HTML) in --out; a bad file fails alone (exit 1)', async () => {
    const folder = join(dir, 'batch');
    mkdirSync(folder);
    file('one.wav', stereoCall('mulaw', 8000, 2), folder);
    file('two.wav', wavOf('pcm16', tone(250, 16000, 1.5), 16000), folder);
    file('broken.wav', Buffer.from('not audio at all'), folder);
    file('notes.txt', Buffer.from('ignored'), folder);
    const outDir = join(dir, 'out');
    capture();
    const code = await replayCommand([folder], { out: outDir, json: true });
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(err.join('')).toContain('broken.wav: not a WAV file');
    // --json: stdout still holds only events, of both good calls
    const events = out.join('').trim().split('\n').map((l) => JSON.parse(l) as AssistEvent);
    expect(events.filter((e) => e.type === 'call.ended').map((e) => e.callId)).toEqual(['one', 'two']);

    const csv = readFileSync(join(outDir, 'summary.csv'), 'utf8').trim().split('\n');
    const head = csv[0].split(',');
    expect(head.slice(0, 9)).toEqual(['file', 'callId', 'durationS', 'sentimentStart', 'sentimentEnd', 'silenceS', 'overtalkS', 'talkRatioAgent', 'prompts']);
    expect(csv).toHaveLength(3);
    const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
    expect(rows[0]).toMatchObject({ file: 'one.wav', callId: 'one', durationS: '3.0', prompts: '1', 'prompts.customer-anger': '1', sentimentStart: '0', sentimentEnd: '0' });
    expect(rows[1]).toMatchObject({ file: 'two.wav', callId: 'two', durationS: '1.5', prompts: '0', sentimentStart: '0.5', sentimentEnd: '0.5' });
    expect(readFileSync(join(outDir, 'summary.html'), 'utf8')).toContain('<a href="one.html">one.wav</a>');
    expect(existsSync(join(outDir, 'one.html')) && existsSync(join(outDir, 'two.html'))).toBe(true);
    expect(existsSync(join(outDir, 'broken.html'))).toBe(false);
  });

  it('usage errors exit 2 before any model loads: missing path, bad --speed, empty folder', async () => {
    const before = fakes.pipelines.length;
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    capture();
    expect(await replayCommand([join(dir, 'nope.wav')], {})).toBe(2);
    expect(await replayCommand([join(dir, 'call-a.wav')], { speed: '3' })).toBe(2);
    expect(await replayCommand([empty], {})).toBe(2);
    vi.restoreAllMocks();
    expect(err.join('')).toMatch(/no such file or folder[\s\S]*--speed must be 1, 2, 4 or max[\s\S]*no \.wav files/);
    expect(out.join('')).toBe('');
    expect(fakes.pipelines.length).toBe(before);
  });
});
