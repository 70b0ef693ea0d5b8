import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { speak, layout } from '../../../test/helpers/tts.ts';
import { loadSherpaAddon } from './addon.ts';
import { DEFAULT_SHERPA_MODEL_DIR, loadSherpaEngine } from './index.ts';
import { findSherpaModelFiles, recognizerConfig } from './model-files.ts';
import { toAsrResult } from './result.ts';

const root = mkdtempSync(join(tmpdir(), 'sherpa-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string, files: Record<string, string>): string => {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [f, body] of Object.entries(files)) writeFileSync(join(dir, f), body);
  return dir;
};
const installed = (() => { try { loadSherpaAddon(); return true } catch { return false } })();

describe('sherpa engine loading', () => {
  it('reports ENGINE_UNAVAILABLE with the install command when the package is missing', async () => {
    await expect(loadSherpaEngine({ moduleName: 'sherpa-onnx-node-not-there' })).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE', message: expect.stringContaining('npm install --save-optional sherpa-onnx-node'),
    });
  });

  it.skipIf(!installed)('names the model folder and the expected files when the folder is absent', async () => {
    await expect(loadSherpaEngine({ modelDir: join(root, 'nowhere') })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/nowhere.*encoder-epoch-99-avg-1\.int8\.onnx.*models:fetch/),
    });
  });

  it.skipIf(!installed || existsSync(DEFAULT_SHERPA_MODEL_DIR))('without options looks in models/sherpa-zipformer-en-20M', async () => {
    await expect(loadSherpaEngine()).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('models/sherpa-zipformer-en-20M') });
  });

  it.skipIf(!installed)('names the missing file of an incomplete model', async () => {
    const noJoiner = folder('no-joiner', { 'tokens.txt': '<blk> 0\n', 'encoder-epoch-99-avg-1.int8.onnx': 'x', 'decoder-epoch-99-avg-1.onnx': 'x' });
    await expect(loadSherpaEngine({ modelDir: noJoiner })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(join(noJoiner, 'joiner*.onnx')) });
    const noTokens = folder('no-tokens', { 'encoder.onnx': 'x' });
    await expect(loadSherpaEngine({ modelDir: noTokens })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(join(noTokens, 'tokens.txt')) });
  });

  it.skipIf(!installed)('turns a corrupt model (which aborts sherpa natively) into MODEL_UNAVAILABLE and keeps the process alive', async () => {
    const corrupt = folder('corrupt', {
      'tokens.txt': '<blk> 0\n<sos/eos> 1\n<unk> 2\n',
      'encoder-epoch-99-avg-1.int8.onnx': 'not onnx', 'decoder-epoch-99-avg-1.onnx': 'not onnx', 'joiner-epoch-99-avg-1.int8.onnx': 'not onnx',
    });
    await expect(loadSherpaEngine({ modelDir: corrupt })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/Protobuf parsing failed|onnx/i) });
    expect(process.exitCode ?? 0).toBe(0);
  }, 30_000);
});

describe('sherpa model folder layouts', () => {
  it('prefers int8 weights and builds a transducer config', () => {
    const dir = folder('both', Object.fromEntries(['encoder-epoch-99-avg-1.onnx', 'encoder-epoch-99-avg-1.int8.onnx', 'decoder-epoch-99-avg-1.onnx',
      'joiner-epoch-99-avg-1.onnx', 'joiner-epoch-99-avg-1.int8.onnx', 'tokens.txt'].map((f) => [f, 'x'])));
    const m = findSherpaModelFiles(dir);
    expect(m.kind).toBe('transducer');
    expect(m.files.encoder).toMatch(/encoder-epoch-99-avg-1\.int8\.onnx$/);
    expect(m.files.decoder).toMatch(/decoder-epoch-99-avg-1\.onnx$/);
    const cfg = recognizerConfig(m) as { modelConfig: { transducer: unknown }; enableEndpoint: number };
    expect(cfg.modelConfig.transducer).toBeDefined();
    expect(cfg.enableEndpoint).toBe(0); // the project's VAD ends utterances
  });
  it('recognises zipformer2 CTC and paraformer folders', () => {
    expect(findSherpaModelFiles(folder('ctc', { 'ctc-epoch-20-avg-1-chunk-16-left-128.int8.onnx': 'x', 'tokens.txt': 'x' })).kind).toBe('zipformer2Ctc');
    expect(findSherpaModelFiles(folder('para', { 'encoder.int8.onnx': 'x', 'decoder.int8.onnx': 'x', 'tokens.txt': 'x', 'am.mvn': 'x' })).kind).toBe('paraformer');
  });
});

describe('sherpa results', () => {
  it('groups BPE tokens into lower-case words with times', () => {
    const r = toAsrResult({ text: ' HELLO THERE', tokens: ['▁HE', 'LL', 'O', '▁THERE'], timestamps: [0.32, 0.4, 0.48, 0.72] });
    expect(r.text).toBe('hello there');
    expect(r.words).toEqual([{ w: 'hello', start: 0.32, end: 0.72 }, { w: 'there', start: 0.72, end: expect.closeTo(0.76, 6) }]);
  });
  it('returns plain text when the model gives no token times', () => {
    expect(toAsrResult({ text: 'YES' })).toEqual({ text: 'yes' });
    expect(toAsrResult({ text: '', tokens: [], timestamps: [] })).toEqual({ text: '' });
  });
});

// Runs only where the model has been fetched (`npm run models:fetch`): real weights, real speech.
describe.skipIf(!installed || !existsSync(DEFAULT_SHERPA_MODEL_DIR))('sherpa with the fetched zipformer-en-20M', () => {
  it('transcribes synthetic speech in a worker, partial then final', async () => {
    const engine = await loadSherpaEngine();
    try {
      const s = engine.createStream();
      const { audio } = layout([0.3, speak('thank you for calling how can I help you'), 0.3]);
      for (let i = 0; i < audio.length; i += 320) s.accept(audio.subarray(i, i + 320));
      const partial = await s.partial();
      const final = await s.finish();
      expect(final.text).toMatch(/thank you/);
      expect(final.text.length).toBeGreaterThanOrEqual(partial.text.length);
      s.close();
    } finally { await engine.close() }
  }, 60_000);
});
