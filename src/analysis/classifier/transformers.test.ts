import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransformersClassifier } from './transformers.ts';

// testdata/tiny-emotion is a hand-set bag-of-words model in the transformers.js layout with j-hartmann labels
// (made by models/train/analysis/make_tiny_hf_model.py): it exercises the real library's local loading and our
// label mapping. No real downloaded model is available on this machine.
const TINY = new URL('./testdata/tiny-emotion/', import.meta.url).pathname;

describe('transformers text classifier (local files only)', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'hf-clf-')) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a model folder that does not exist', async () => {
    await expect(loadTransformersClassifier({ modelDir: join(dir, 'absent') })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(join(dir, 'absent')),
    });
  });

  it('says what an empty folder should hold', async () => {
    mkdirSync(join(dir, 'empty'));
    await expect(loadTransformersClassifier({ modelDir: join(dir, 'empty') })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/config\.json.*sentiment\/ or emotion\//),
    });
  });

  it('names the missing ONNX file of an otherwise complete model folder', async () => {
    const m = join(dir, 'no-onnx');
    cpSync(TINY, m, { recursive: true });
    rmSync(join(m, 'onnx'), { recursive: true });
    await expect(loadTransformersClassifier({ modelDir: m })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(join(m, 'onnx/model.onnx')),
    });
    await expect(loadTransformersClassifier({ modelDir: m, dtype: 'q8' })).rejects.toMatchObject({
      message: expect.stringContaining('onnx/model_quantized.onnx'),
    });
  });

  it('rejects a label set it cannot map instead of guessing', async () => {
    const m = join(dir, 'toxic');
    cpSync(TINY, m, { recursive: true });
    writeFileSync(join(m, 'config.json'), JSON.stringify({ model_type: 'bert', id2label: { 0: 'toxic', 1: 'clean' } }));
    await expect(loadTransformersClassifier({ modelDir: m })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('unknown label set'),
    });
  });

  it('wraps a corrupt model file in MODEL_UNAVAILABLE naming the folder', async () => {
    const m = join(dir, 'corrupt');
    cpSync(TINY, m, { recursive: true });
    writeFileSync(join(m, 'onnx/model.onnx'), 'garbage');
    await expect(loadTransformersClassifier({ modelDir: m })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(m),
    });
  });

  it('loads a local emotion model and maps its labels onto ours (fear -> anxiety, joy -> gratitude)', async () => {
    const clf = await loadTransformersClassifier({ modelDir: TINY });
    try {
      expect(clf.name).toBe('transformers');
      const scared = await clf.classify('I am so scared');
      expect(scared.emotion.label).toBe('anxiety');
      expect(scared.sentiment.label).toBe('negative'); // derived from the emotions: no sentiment model present
      const thanks = await clf.classify('thank you so much');
      expect(thanks.emotion.label).toBe('gratitude');
      expect(thanks.sentiment.label).toBe('positive');
      expect(thanks.sentiment.score).toBeGreaterThan(0.5);
      const plain = await clf.classify('');
      expect(plain.emotion.label).toBe('neutral');
      expect(plain.sentiment.label).toBe('neutral');
    } finally {
      await clf.close();
    }
  });

  it('finds models in sentiment/ and emotion/ subfolders', async () => {
    const root = join(dir, 'pair');
    cpSync(TINY, join(root, 'emotion'), { recursive: true });
    const clf = await loadTransformersClassifier({ modelDir: root });
    expect((await clf.classify('this is disgusting')).emotion.label).toBe('anger');
    await clf.close();
  });
});
