// Chooses the embedded engine's phrase boost (config asr.phraseBoost) on the phrase dev set of phrase_dev.py:
// for each boost, the WER of the sentences with a rule phrase and of the controls, how many phrase sentences
// the rules' fuzzy matcher finds a phrase in, and how many controls it wrongly finds one in.
//   /usr/bin/python3 models/train/asr/phrase_dev.py
//   node --import tsx models/train/asr/phrase-boost-dev.ts [folder] [--boosts 0,1,2,3.5,5]
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { beamSearch, defaultBeamOptions } from '../../../src/asr/embedded/ctc-beam.ts';
import { emissionsToResult } from '../../../src/asr/embedded/ctc-greedy.ts';
import { loadEmbeddedEngine } from '../../../src/asr/embedded/index.ts';
import { phrasesOfRulePack } from '../../../src/asr/phrase-hints.ts';
import { wer } from '../../../src/asr/wer.ts';
import { DEFAULT_RULE_PACK_PATH } from '../../../src/coach/engine.ts';
import { PhraseSpotter } from '../../../src/coach/fuzzy-phrase.ts';
import { loadRulePack } from '../../../src/coach/rule-pack.ts';
import { readWav } from '../eval-wav.ts';

const here = new URL('.', import.meta.url).pathname;
const { values, positionals } = parseArgs({ allowPositionals: true, options: { boosts: { type: 'string', default: '0,0.5,1,1.5,2,2.5,3,3.5,4,5,6,8' } } });
const dir = positionals[0] ?? `${here}work/eval/phrasedev`;
const phrases = phrasesOfRulePack(await loadRulePack(DEFAULT_RULE_PACK_PATH));
const spotter = new PhraseSpotter(phrases);
const modelDir = `${here}../../asr-embedded`;
const config = JSON.parse(readFileSync(`${modelDir}/config.json`, 'utf8')) as { alphabet: string[]; blank: number };
const lm = JSON.parse(readFileSync(`${modelDir}/lm.json`, 'utf8'));

// one acoustic pass per clip; every boost is then a beam search over the same log-probs
let last: { lp: Float32Array; frames: number } | null = null;
const engine = await loadEmbeddedEngine({ modelDir, workers: 1, onFinalLogprobs: (lp, frames) => { last = { lp: new Float32Array(lp), frames } } });
const clips: Array<{ id: string; ref: string; lp: Float32Array; frames: number }> = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.wav')).sort()) {
  const audio = readWav(`${dir}/${f}`).channels[0];
  const s = engine.createStream();
  for (let i = 0; i < audio.length; i += 1600) s.accept(audio.slice(i, i + 1600));
  await s.finish();
  s.close();
  clips.push({ id: f, ref: readFileSync(`${dir}/${f.replace(/\.wav$/, '.txt')}`, 'utf8').trim(), ...last! });
}
await engine.close();

const rows = [];
for (const boost of values.boosts!.split(',').map(Number)) {
  const acc = { phrase: { e: 0, n: 0, found: 0, clips: 0 }, control: { e: 0, n: 0, found: 0, clips: 0 } };
  const t0 = performance.now();
  for (const c of clips) {
    const hyp = emissionsToResult(beamSearch(c.lp, c.frames, config.alphabet, config.blank, lm, { ...defaultBeamOptions, hotPhrases: phrases, phraseBoost: boost }), 40).text;
    const g = c.id.startsWith('phrase') ? acc.phrase : acc.control;
    const w = wer(c.ref, hyp);
    g.e += w.errors; g.n += w.refWords; g.clips++;
    if (spotter.find(hyp)) g.found++;
  }
  rows.push({
    boost, phraseWer: +(acc.phrase.e / acc.phrase.n).toFixed(3), phrasesFound: `${acc.phrase.found}/${acc.phrase.clips}`,
    controlWer: +(acc.control.e / acc.control.n).toFixed(3), controlsWithAPhrase: `${acc.control.found}/${acc.control.clips}`,
    beamMsPerClip: +((performance.now() - t0) / clips.length).toFixed(1),
  });
}
console.table(rows);
