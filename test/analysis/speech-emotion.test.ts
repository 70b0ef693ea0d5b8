import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { loadOnnxSpeechEmotion, type SpeechEmotionEngine } from '../../src/analysis/speech-emotion.ts';
import { FakeClassifier } from './fake-classifier.ts';
import { harmonicVoice } from './synth-audio.ts';

const dir = mkdtempSync(join(tmpdir(), 'speech-emotion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('speech-emotion engine slot', () => {
  it('fails at load with MODEL_UNAVAILABLE and names the missing files when configured without them', async () => {
    await expect(loadOnnxSpeechEmotion({ modelDir: join(dir, 'nothing-here') }))
      .rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('model.onnx') });
  });
  it('rejects a config that names no arousal output', async () => {
    writeFileSync(join(dir, 'model.onnx'), 'not a model');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ outputs: ['valence'] }));
    await expect(loadOnnxSpeechEmotion({ modelDir: dir })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
  it('averages an engine\'s arousal with the prosody one, and survives the engine failing', async () => {
    // FakeSpeechEmotion: stands in for an acoustic emotion model.
    let fail = false;
    const fakeSpeechEmotion: SpeechEmotionEngine = {
      name: 'fake-speech-emotion',
      async estimate() { if (fail) throw new Error('boom'); return { arousal: 1 } },
      async close() {},
    };
    const a = createAnalyzer({ classifier: new FakeClassifier(), speechEmotion: fakeSpeechEmotion });
    const audio = harmonicVoice({ f0Hz: 130, durationS: 2, amplitude: 0.1, syllablesPerS: 3.5 });
    const base = { callId: 'c', channel: 'customer' as const, text: 'okay', start: 0, end: 2, audio };
    const withEngine = await a.analyze({ ...base, utteranceId: 'u1' });
    fail = true;
    const without = await a.analyze({ ...base, utteranceId: 'u2' });
    expect(withEngine.arousal!).toBeGreaterThan(0.5);
    expect(without.arousal!).toBeLessThan(0.5);
    expect(a.stats.speechEmotionFailures).toBe(1);
  });
});
