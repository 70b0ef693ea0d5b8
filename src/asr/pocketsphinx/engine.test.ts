// The PocketSphinx engine behind the AsrEngine interface: streaming partials, finals with word times,
// a warm decoder across utterances, and a clean ENGINE_UNAVAILABLE when its models are missing.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFlite, toFloat, ttsClip16k } from '../../../native/pocketsphinx/tts-clip.ts';
import { decodeMulaw } from '../../audio/g711.ts';
import { resample } from '../../audio/resample.ts';
import { readWav } from '../../replay/wav.ts';
import type { LagAwareStream } from '../overflow.ts';
import type { AsrEngine } from '../types.ts';
import { loadPocketSphinxEngine } from './index.ts';

const ready = existsSync(new URL('../../../native/pocketsphinx/build/Release/pocketsphinx_addon.node', import.meta.url))
  && existsSync('/usr/share/pocketsphinx/model/en-us/en-us') && hasFlite();

describe.skipIf(!ready)('pocketsphinx engine', () => {
  let engine: AsrEngine;
  beforeAll(async () => { engine = await loadPocketSphinxEngine({ workers: 1, lm: 'general' }) }, 60_000);
  afterAll(async () => { await engine?.close() });

  it('reports how far behind its worker is (the overload policy reads it)', async () => {
    const stream = engine.createStream() as LagAwareStream;
    const other = engine.createStream() as LagAwareStream; // same worker (the engine has one)
    await engine.settled?.(); // the decoders' making is done
    expect(stream.lagMs()).toBe(0); // idle
    expect(other.othersSpeaking()).toBe(0);
    const audio = toFloat(ttsClip16k('please hold while I check the balance on your account'));
    for (let k = 0; k < 3; k++) stream.accept(audio); // ~10 s of speech queued at once
    expect([other.othersSpeaking(), stream.othersSpeaking()]).toEqual([1, 0]); // in an utterance until finish()
    const final = stream.finish();
    expect(other.othersSpeaking()).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(stream.lagMs()).toBeGreaterThanOrEqual(40); // the finish waits behind the queued audio
    await final;
    expect(stream.lagMs()).toBe(0);
    stream.close();
    other.close();
  }, 60_000);

  it('skips the queued audio of an utterance whose result is no longer wanted, and decodes the next one', async () => {
    const stream = engine.createStream() as LagAwareStream & { utteranceNo(): number; drop(utt: number): void };
    const audio = toFloat(ttsClip16k('I would like to cancel my account please'));
    const utt = stream.utteranceNo();
    for (let k = 0; k < 4; k++) stream.accept(audio);
    stream.drop(utt); // e.g. its final was taken from the overflow engine
    expect((await stream.finish()).text).toBe(''); // not decoded (four clear sentences otherwise)
    stream.accept(audio);
    const next = await stream.finish();
    expect(next.text).toMatch(/cancel/);
    stream.close();
  }, 60_000);

  it('gives partials while audio arrives and a final with word times inside the clip', async () => {
    const audio = toFloat(ttsClip16k('I would like to cancel my account please'));
    const seconds = audio.length / 16000;
    const stream = engine.createStream();
    const partials: string[] = [];
    for (let i = 0; i < audio.length; i += 1600) {
      stream.accept(audio.slice(i, i + 1600)); // 100 ms frames, as the VAD hands them over
      if (i % 8000 === 0) partials.push((await stream.partial()).text);
    }
    const final = await stream.finish();
    expect(partials.some((p) => p.split(' ').length >= 2)).toBe(true);
    expect(final.text).toMatch(/cancel/);
    expect(final.text).toMatch(/account/);
    expect(final.words!.length).toBeGreaterThanOrEqual(5);
    for (const w of final.words!) {
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.end).toBeLessThanOrEqual(seconds + 0.02);
      expect(w.w).not.toMatch(/[<([]/); // no fillers or pronunciation-variant marks
    }
    expect(final.confidence).toBeGreaterThan(0);
    expect(final.confidence).toBeLessThanOrEqual(1);

    // the stream resets after finish(): the next utterance's times start again from its own first sample
    const second = toFloat(ttsClip16k('thank you for your help'));
    stream.accept(second);
    const next = await stream.finish();
    expect(next.text).toMatch(/thank you/);
    expect(next.words![next.words!.length - 1].end).toBeLessThanOrEqual(second.length / 16000 + 0.02);
    stream.close();
  }, 120_000);

  it('the fast search profile still decodes a clear sentence', async () => {
    const fast = await loadPocketSphinxEngine({ workers: 1, profile: 'fast' });
    try {
      const stream = fast.createStream();
      stream.accept(toFloat(ttsClip16k('I would like to cancel my account please')));
      const final = await stream.finish();
      expect(final.text).toMatch(/cancel/);
      expect(final.text).toMatch(/account/);
      stream.close();
    } finally {
      await fast.close();
    }
  }, 120_000);

  it('decodes the first utterance of a telephone call, before the cepstral mean has adapted to the line', async () => {
    // The agent's opening line of the greeting fixture (8 kHz mu-law, right channel, 0-5.5 s). Decoded once by a
    // fresh decoder it came out as "on what are you did on huh and on what part of that" (measured).
    const wav = readWav(new URL('../../../fixtures/calls/greeting.wav', import.meta.url).pathname);
    const agent = decodeMulaw(wav.data.filter((_, i) => i % 2 === 1).subarray(0, 8000 * 5.5));
    const fresh = await loadPocketSphinxEngine({ workers: 1, lm: 'general' });
    try {
      const stream = fresh.createStream();
      const audio = resample(agent, 8000, 16000);
      for (let i = 0; i < audio.length; i += 320) stream.accept(audio.subarray(i, i + 320));
      const final = await stream.finish();
      expect(final.text).toMatch(/thank you for calling/);
      expect(final.text).toMatch(/quality and training/);
      stream.close();
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('accept() returns at once and settled() waits for the queued decoding', async () => {
    const audio = toFloat(ttsClip16k('my internet has been down since yesterday'));
    const stream = engine.createStream();
    const t0 = performance.now();
    for (let i = 0; i < audio.length; i += 320) stream.accept(audio.slice(i, i + 320));
    expect(performance.now() - t0).toBeLessThan(200);
    const final = stream.finish();
    await engine.settled!();
    expect((await final).text).toMatch(/internet/);
    stream.close();
  }, 120_000);

  it('fails with ENGINE_UNAVAILABLE, not a crash, when the model folder is wrong', async () => {
    await expect(loadPocketSphinxEngine({ modelDir: '/nonexistent/pocketsphinx' })).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    const old = process.env.POCKETSPHINX_MODEL_DIR;
    process.env.POCKETSPHINX_MODEL_DIR = '/nonexistent/en-us';
    try {
      await expect(loadPocketSphinxEngine({})).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE', message: expect.stringContaining('pocketsphinx-en-us') });
    } finally {
      if (old === undefined) delete process.env.POCKETSPHINX_MODEL_DIR; else process.env.POCKETSPHINX_MODEL_DIR = old;
    }
  });
});
