import { describe, expect, it } from 'vitest';
import type { Logger } from '../../log.ts';
import { loadClassifier } from './index.ts';

function captureLogger(): { log: Logger; warnings: Array<Record<string, unknown>> } {
  const warnings: Array<Record<string, unknown>> = [];
  const log = { warn: (obj: Record<string, unknown>) => { warnings.push(obj) }, info() {}, debug() {}, error() {} };
  return { log: log as unknown as Logger, warnings };
}

describe('loadClassifier (engine selection from config)', () => {
  it('loads the committed embedded model by default', async () => {
    const { log, warnings } = captureLogger();
    const clf = await loadClassifier({ engine: 'embedded', modelDir: 'analysis-embedded' }, log, {});
    expect(clf.name).toBe('embedded');
    expect(warnings).toEqual([]);
    await clf.close();
  });

  it('falls back from a missing transformers model to the embedded one, with a coded warning', async () => {
    const { log, warnings } = captureLogger();
    const clf = await loadClassifier({ engine: 'transformers', modelDir: 'no-such-hf-model' }, log, {});
    expect(clf.name).toBe('embedded');
    expect(warnings[0]).toMatchObject({ engine: 'transformers', code: 'MODEL_UNAVAILABLE' });
    expect(String(warnings[0].err)).toContain('no-such-hf-model');
    await clf.close();
  });

  it('falls back to the lexicon when the embedded model folder is missing', async () => {
    const { log, warnings } = captureLogger();
    const clf = await loadClassifier({ engine: 'embedded', modelDir: 'missing-embedded' }, log, {});
    expect(clf.name).toBe('lexicon');
    expect(warnings[0]).toMatchObject({ engine: 'embedded', code: 'MODEL_UNAVAILABLE' });
    expect((await clf.classify('thank you so much')).emotion.label).toBe('gratitude');
  });
});
