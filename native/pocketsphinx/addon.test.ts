// The addon over Debian's libpocketsphinx: decodes a real TTS clip, with partials while audio arrives.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAddon } from './index.ts';
import { hasFlite, ttsClip16k } from './tts-clip.ts';

const MODEL = '/usr/share/pocketsphinx/model/en-us';
const ready = existsSync(new URL('./build/Release/pocketsphinx_addon.node', import.meta.url)) && existsSync(MODEL) && hasFlite();

describe.skipIf(!ready)('pocketsphinx addon', () => {
  const args = ['-hmm', `${MODEL}/en-us`, '-lm', `${MODEL}/en-us.lm.bin`, '-dict', `${MODEL}/cmudict-en-us.dict`, '-cmn', 'live'];

  it('decodes a spoken sentence with partials first and word frames inside the clip', () => {
    const { Decoder } = loadAddon();
    const pcm = ttsClip16k('I would like to cancel my account please');
    const d = new Decoder(args);
    const partials: string[] = [];
    d.startUtt();
    for (let i = 0; i < pcm.length; i += 3200) {
      d.processRaw(pcm.subarray(i, i + 3200).slice());
      partials.push(d.hyp().text);
    }
    d.endUtt();
    const final = d.hyp().text;
    expect(final).toContain('cancel');
    expect(final).toContain('account');
    // a partial with words exists before the last chunk
    expect(partials.slice(0, -1).some((p) => p.split(' ').length >= 2)).toBe(true);
    const clipFrames = pcm.length / 160; // 10 ms frames
    const words = d.segments().filter((s) => !/^[<[]/.test(s.word));
    expect(words.length).toBeGreaterThanOrEqual(5);
    for (const w of words) {
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeLessThanOrEqual(clipFrames + 1);
      expect(w.prob).toBeGreaterThanOrEqual(0);
      expect(w.prob).toBeLessThanOrEqual(1);
    }
    d.free();
    expect(() => d.hyp()).toThrow(/freed/);
  }, 60_000);

  it('throws a clear error instead of crashing when the acoustic model is missing', () => {
    const { Decoder } = loadAddon();
    expect(() => new Decoder(['-hmm', '/nonexistent/model', '-lm', `${MODEL}/en-us.lm.bin`, '-dict', `${MODEL}/cmudict-en-us.dict`]))
      .toThrow(/could not load/);
  });

  it('decoders of one thread share the LM files they read: each decodes as if it had read its own', () => {
    const { Decoder } = loadAddon();
    const domain = new URL('../../models/pocketsphinx/contact-centre.lm.bin', import.meta.url).pathname;
    const noLm = args.filter((a, i) => a !== '-lm' && args[i - 1] !== '-lm');
    const mix = (): InstanceType<typeof Decoder> => {
      const d = new Decoder(noLm);
      d.setMixedLm([`${MODEL}/en-us.lm.bin`, domain], [0.7, 0.3]);
      return d;
    };
    const decode = (d: InstanceType<typeof Decoder>, pcm: Int16Array): string => {
      d.startUtt();
      d.processRaw(pcm.slice());
      d.endUtt();
      return d.hyp().text;
    };
    const pcm = ttsClip16k('I would like to cancel my broadband contract please');
    const first = mix();
    const alone = decode(first, pcm);
    expect(alone).toContain('cancel');
    // later decoders reuse the models the first one read, and must not depend on it staying alive (a freed
    // reader's log tables once made these transcripts vary from run to run)
    first.free();
    for (let i = 0; i < 3; i++) {
      const next = mix();
      expect(decode(next, pcm), `decoder ${i + 2}`).toBe(alone);
      next.free();
    }
    // and before any LM is set, decoding is refused instead of crashing
    const bare = new Decoder(noLm);
    expect(() => bare.startUtt()).toThrow(/no language model/);
    bare.free();
  }, 60_000);

  it('rejects audio that is not 16-bit PCM', () => {
    const { Decoder } = loadAddon();
    const d = new Decoder(args);
    expect(() => d.processRaw(new Float32Array(160) as unknown as Int16Array)).toThrow(/Int16Array/);
    d.free();
  });
});
