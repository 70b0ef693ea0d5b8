// Search-setting speed tuning on a dev sample of ../shared/asrtrain (never realspeech): WER and CPU real-time
// factor for each candidate setting. Usage: node --import tsx models/train/lm/tune-search.ts [lm] [clips]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPocketSphinxEngine } from '../../../src/asr/pocketsphinx/index.ts';
import type { LmChoice, SearchSettings } from '../../../src/asr/pocketsphinx/config.ts';
import { wer } from '../../../src/asr/wer.ts';
import { PROJECT_ROOT } from '../../../src/models/locate.ts';
import { readWav } from '../eval-wav.ts';

const lm = (process.argv[2] ?? 'mixed') as LmChoice;
const count = Number(process.argv[3] ?? 40);
const dir = resolve(PROJECT_ROOT, '../shared/asrtrain');
const work = resolve(PROJECT_ROOT, 'models/train/lm/work/asrtrain-dev');
mkdirSync(work, { recursive: true });
// every 50th LibriSpeech clip: longer read sentences, many speakers
const entries = readFileSync(resolve(dir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; file: string; text: string; corpus: string })
  .filter((e) => e.corpus.startsWith('LibriSpeech')).filter((_, i) => i % 50 === 0).slice(0, count);
const clips = entries.map((e) => {
  const wav = resolve(work, `${e.id}.wav`);
  if (!existsSync(wav)) execFileSync('opusdec', ['--quiet', '--rate', '16000', resolve(dir, e.file), wav]);
  return { text: e.text, audio: readWav(wav).channels[0] };
});

const candidates: Array<[string, SearchSettings]> = [
  ['default', {}],
  ['maxhmmpf 10000, maxwpf 20', { maxhmmpf: 10000, maxwpf: 20 }],
  ['maxhmmpf 4000, maxwpf 10', { maxhmmpf: 4000, maxwpf: 10 }],
  ['maxhmmpf 4000, maxwpf 10, beam 1e-40', { maxhmmpf: 4000, maxwpf: 10, beam: '1e-40', wbeam: '1e-30' }],
];
for (const [name, search] of candidates) {
  const engine = await loadPocketSphinxEngine({ lm, workers: 1, search });
  const stream = engine.createStream();
  let errors = 0, words = 0, seconds = 0;
  const cpu0 = process.cpuUsage();
  for (const c of clips) {
    stream.accept(c.audio);
    const r = await stream.finish();
    const s = wer(c.text, r.text);
    errors += s.errors; words += s.refWords; seconds += c.audio.length / 16000;
  }
  const cpu = process.cpuUsage(cpu0);
  stream.close();
  await engine.close();
  console.log(`${lm} | ${name} | WER ${(errors / words).toFixed(3)} | CPU RTF ${((cpu.user + cpu.system) / 1e6 / seconds).toFixed(2)} | ${clips.length} clips ${seconds.toFixed(0)} s`);
}
