// The phrase hints reach the committed model's beam search through the whole engine (stream -> pool -> worker):
// on the agent's first turn of the angry-billing fixture call the plain beam mishears the start of the recording
// disclosure ("this cab recorded for quality training process", 2026-12-04); with the default rule pack's phrases
// as hints the final says "this call may be recorded" word for word.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../../../models/train/eval-wav.ts';
import { loadRulePack } from '../../coach/rule-pack.ts';
import { PhraseSpotter } from '../../coach/fuzzy-phrase.ts';
import { resample } from '../../audio/resample.ts';
import { PhraseHints, phrasesOfRulePack } from '../phrase-hints.ts';
import type { AsrEngine } from '../types.ts';
import { loadEmbeddedEngine } from './index.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const MODEL_DIR = join(ROOT, 'models/asr-embedded');
const CALL = join(ROOT, 'fixtures/calls/angry-billing');

describe.skipIf(!existsSync(join(MODEL_DIR, 'model.onnx')))('phrase hints on the committed embedded model', () => {
  const hints = new PhraseHints();
  let plain: AsrEngine, hinted: AsrEngine, audio: Float32Array, disclosure: PhraseSpotter;

  beforeAll(async () => {
    const pack = await loadRulePack(join(ROOT, 'rules/default.yaml'));
    hints.set(phrasesOfRulePack(pack));
    disclosure = new PhraseSpotter(pack.rules.find((r) => r.type === 'disclosure-missing')!.phrases);
    const truth = JSON.parse(readFileSync(`${CALL}.truth.json`, 'utf8')) as { turns: Array<{ channel: string; start: number; end: number }> };
    const turn = truth.turns.find((t) => t.channel === 'agent')!;
    const wav = readWav(`${CALL}.wav`);
    const agent = wav.channels[1];
    audio = resample(agent.subarray(Math.floor((turn.start - 0.2) * wav.rateHz), Math.ceil((turn.end + 0.3) * wav.rateHz)), wav.rateHz, 16000);
    [plain, hinted] = await Promise.all([
      loadEmbeddedEngine({ modelDir: MODEL_DIR, workers: 1, beamOptions: { phraseBoost: 3.5 } }),
      loadEmbeddedEngine({ modelDir: MODEL_DIR, workers: 1, beamOptions: { phraseBoost: 3.5 }, phraseHints: hints }),
    ]);
  }, 60_000);
  afterAll(async () => { await Promise.all([plain?.close(), hinted?.close()]) });

  const decode = async (engine: AsrEngine): Promise<string> => {
    const s = engine.createStream();
    for (let i = 0; i < audio.length; i += 1600) s.accept(audio.slice(i, i + 1600));
    const r = await s.finish();
    s.close();
    return r.text;
  };

  it('the hinted final says the disclosure phrase word for word where the plain one does not', async () => {
    const [without, withHints] = [await decode(plain), await decode(hinted)];
    expect(without).not.toContain('this call may be recorded');
    expect(withHints).toContain('this call may be recorded');
    expect(disclosure.find(withHints)?.similarity).toBe(1);
  });
});
