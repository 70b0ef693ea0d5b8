import { beforeAll, describe, expect, it } from 'vitest';
import { SileroVad } from './silero.ts';
import { layout, speak } from '../../test/helpers/tts.ts';
import type { VadTransition } from '../call/providers.ts';

let vad: SileroVad;
beforeAll(async () => { vad = await SileroVad.load() });

async function run(audio: Float32Array, chunk = 320): Promise<VadTransition[]> {
  const s = vad.createStream();
  const out: VadTransition[] = [];
  for (let i = 0; i < audio.length; i += chunk) out.push(...await s.push(audio.subarray(i, i + chunk)));
  out.push(...s.flush());
  return out;
}

describe('Silero VAD stream', () => {
  it('finds two spoken sentences within 100 ms of where the speech is', async () => {
    const { audio, spans } = layout([1.0, speak('Hello, thank you for calling. How can I help you today?'), 1.5, speak('I would like to ask about my bill.'), 1.0]);
    const tr = await run(audio);
    expect(tr.map((t) => t.state)).toEqual(['speech', 'silence', 'speech', 'silence']);
    spans.forEach(([s, e], i) => {
      expect(Math.abs(tr[2 * i].t - s)).toBeLessThan(0.1 + 0.1); // pad 100 ms before the onset
      expect(Math.abs(tr[2 * i + 1].t - e)).toBeLessThan(0.2);
    });
  });

  it('hears nothing in silence or in white noise at -40 dBFS', async () => {
    const noise = Float32Array.from({ length: 16000 * 3 }, () => (Math.random() * 2 - 1) * 0.01 * Math.sqrt(3));
    expect(await run(new Float32Array(16000 * 2))).toEqual([]);
    expect(await run(noise)).toEqual([]);
  });

  it('gives the same decisions whatever the chunk size on the way in', async () => {
    const { audio } = layout([0.5, speak('Please hold while I check that for you.'), 0.8]);
    const a = await run(audio, 160), b = await run(audio, 4096);
    expect(a).toEqual(b);
  });

  it('names the file when the model is missing', async () => {
    await expect(SileroVad.load({ modelPath: '/nonexistent/silero.onnx' })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('/nonexistent/silero.onnx') });
  });
});
