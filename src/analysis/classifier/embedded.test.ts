import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { TextClassifier } from '../types.ts';
import { loadEmbeddedClassifier } from './embedded.ts';

const MODEL_DIR = new URL('../../../models/analysis-embedded/', import.meta.url).pathname;

describe('embedded text classifier (committed model)', () => {
  let clf: TextClassifier;
  beforeAll(async () => { clf = await loadEmbeddedClassifier({ modelDir: MODEL_DIR }) });
  afterAll(async () => { await clf?.close() });

  it('reads repeated failed contact as negative anger/frustration', async () => {
    const r = await clf.classify("this is the third time I'm calling and nobody has fixed it");
    expect(r.sentiment.label).toBe('negative');
    expect(r.sentiment.score).toBeLessThan(-0.3);
    expect(['anger', 'frustration']).toContain(r.emotion.label);
  });

  it('reads thanks as positive gratitude', async () => {
    const r = await clf.classify("thank you so much, you've been really helpful");
    expect(r.sentiment.label).toBe('positive');
    expect(r.sentiment.score).toBeGreaterThan(0.3);
    expect(r.emotion.label).toBe('gratitude');
  });

  it('reads a bereavement as negative sadness', async () => {
    const r = await clf.classify('my husband passed away last month');
    expect(r.sentiment.label).toBe('negative');
    expect(r.emotion.label).toBe('sadness');
  });

  it('keeps the same reading for an ASR-style transcript (lower case, fillers, no punctuation)', async () => {
    const r = await clf.classify('um yeah thank you so much youve been really helpful');
    expect(r.sentiment.label).toBe('positive');
    expect(r.emotion.label).toBe('gratitude');
  });

  it('fills the contract: score ranges and emotion probabilities summing to one', async () => {
    for (const text of ['', 'okay', 'I want to speak to a manager now']) {
      const r = await clf.classify(text);
      expect(r.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(r.sentiment.score).toBeLessThanOrEqual(1);
      expect(r.emotion.score).toBeGreaterThan(0);
      const probs = Object.values(r.emotionProbs ?? {});
      expect(probs).toHaveLength(7);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      expect(r.emotion.score).toBeCloseTo(Math.max(...probs), 5);
    }
  });

  it('reproduces the probabilities of the trained torch model (reference.json)', async () => {
    const ref = JSON.parse(readFileSync(join(MODEL_DIR, 'reference.json'), 'utf8')) as {
      outputs: Array<{ text: string; sentiment_probs: number[]; emotion_probs: number[] }>;
    };
    for (const o of ref.outputs) {
      const r = await clf.classify(o.text);
      expect(r.sentiment.score).toBeCloseTo(o.sentiment_probs[2] - o.sentiment_probs[0], 3);
      expect(r.emotionProbs!.gratitude).toBeCloseTo(o.emotion_probs[5], 3);
      expect(r.emotionProbs!.anger).toBeCloseTo(o.emotion_probs[0], 3);
    }
  });
});

describe('embedded text classifier errors', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'clf-')) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing model folder', async () => {
    await expect(loadEmbeddedClassifier({ modelDir: join(dir, 'nope') })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(join(dir, 'nope')),
    });
  });

  it('names the missing file', async () => {
    copyFileSync(join(MODEL_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'));
    const err = await loadEmbeddedClassifier({ modelDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('MODEL_UNAVAILABLE');
    expect((err as AppError).message).toContain(join(dir, 'model.onnx'));
  });

  it('rejects a corrupt model file with MODEL_UNAVAILABLE', async () => {
    writeFileSync(join(dir, 'model.onnx'), 'not an onnx model');
    copyFileSync(join(MODEL_DIR, 'labels.json'), join(dir, 'labels.json'));
    await expect(loadEmbeddedClassifier({ modelDir: dir })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('model.onnx'),
    });
  });

  it('rejects a label file in another order', async () => {
    writeFileSync(join(dir, 'labels.json'), JSON.stringify({ sentiment: ['positive', 'neutral', 'negative'], emotion: [] }));
    await expect(loadEmbeddedClassifier({ modelDir: dir })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
