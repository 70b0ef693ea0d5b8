// The sherpa engine end to end through its worker, with the real sherpa-onnx-node recognizer but a FAKE model
// (testdata/fake-ctc, made by make-fake-ctc.py): it says "yes" for every stretch of loud broadband audio. The real
// zipformer weights are not on this machine; this checks the plumbing, not recognition quality.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsrEngine } from '../types.ts';
import { loadSherpaAddon } from './addon.ts';
import { loadSherpaEngine } from './index.ts';

const FAKE_MODEL_DIR = fileURLToPath(new URL('./testdata/fake-ctc', import.meta.url));
const installed = (() => { try { loadSherpaAddon(); return true } catch { return false } })();
const RATE = 16000;
const silence = (s: number) => new Float32Array(Math.round(s * RATE));
let seed = 1;
/** Broadband noise at about -25 dBFS: what the fake model hears as a word. */
const loud = (s: number) => Float32Array.from({ length: Math.round(s * RATE) }, () => 0.1 * (((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1));
const concat = (...parts: Float32Array[]) => { const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0)); let o = 0; for (const p of parts) { out.set(p, o); o += p.length } return out };
const feed = (s: { accept(x: Float32Array): void }, x: Float32Array) => { for (let i = 0; i < x.length; i += 320) s.accept(x.subarray(i, i + 320)) };

describe.skipIf(!installed)('sherpa engine with a fake CTC model', () => {
  let engine: AsrEngine;
  beforeAll(async () => { engine = await loadSherpaEngine({ modelDir: FAKE_MODEL_DIR }) }, 60_000);
  afterAll(async () => { await engine?.close() });

  it('decodes in its worker: partial while speaking, final with word times at finish', async () => {
    const s = engine.createStream();
    feed(s, concat(silence(0.5), loud(0.6)));
    const partial = await s.partial();
    feed(s, concat(silence(0.6), loud(0.6), silence(0.3)));
    const final = await s.finish();
    expect(engine.name).toBe('sherpa');
    expect(partial.text).toBe('yes');
    expect(final.text).toBe('yes yes');
    expect(final.words).toHaveLength(2);
    const [a, b] = final.words!;
    expect(a.w).toBe('yes');
    expect(a.start).toBeGreaterThanOrEqual(0.4); // the first loud stretch is 0.5-1.1 s
    expect(a.start).toBeLessThan(1.2);
    expect(b.start).toBeGreaterThan(1.6); // the second is 1.7-2.3 s
    expect(b.start).toBeLessThan(2.4);
    s.close();
  });

  it('starts each utterance at time 0 and keeps streams apart', async () => {
    const talker = engine.createStream(), quiet = engine.createStream();
    feed(talker, concat(silence(0.3), loud(0.6), silence(0.3)));
    feed(quiet, silence(1.2));
    expect((await talker.finish()).text).toBe('yes');
    expect((await quiet.finish()).text).toBe('');
    feed(talker, concat(loud(0.6), silence(0.3))); // next utterance: times restart
    const second = await talker.finish();
    expect(second.text).toBe('yes');
    expect(second.words![0].start).toBeLessThan(0.7);
    talker.close(); quiet.close();
    await engine.settled!();
    await expect(talker.partial()).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
