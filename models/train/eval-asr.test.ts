// `npm run eval:asr -- <folder>`: WER per file and overall for a folder of x.wav + x.txt pairs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFolder } from './eval-asr.ts';

const haveTts = existsSync('/usr/bin/flite') && existsSync('/usr/bin/sox');
const havePocketSphinx = existsSync(new URL('../../native/pocketsphinx/build/Release/pocketsphinx_addon.node', import.meta.url))
  && existsSync('/usr/share/pocketsphinx/model/en-us/en-us');

describe.skipIf(!haveTts)('eval:asr on a folder of recordings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-asr-'));
    // a stereo 8 kHz recording (mixed down and resampled by the loader) and a mono 16 kHz one
    execFileSync('flite', ['-voice', 'slt', '-t', 'I would like to cancel my account please', '-o', join(dir, 'a.raw.wav')]);
    execFileSync('sox', [join(dir, 'a.raw.wav'), '-r', '8000', '-c', '2', '-b', '16', join(dir, 'cancel.wav')]);
    writeFileSync(join(dir, 'cancel.txt'), 'I would like to cancel my account please\n');
    execFileSync('flite', ['-voice', 'slt', '-t', 'thank you for your help', '-o', join(dir, 'b.raw.wav')]);
    execFileSync('sox', [join(dir, 'b.raw.wav'), '-r', '16000', '-b', '16', join(dir, 'thanks.wav')]);
    writeFileSync(join(dir, 'thanks.txt'), 'thank you for your help');
    rmSync(join(dir, 'a.raw.wav')); rmSync(join(dir, 'b.raw.wav'));
    writeFileSync(join(dir, 'orphan.wav'), Buffer.alloc(64)); // no reference text: reported, not scored
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs each wav with its text, mixes down stereo and resamples to 16 kHz', () => {
    const { clips, skipped } = loadFolder(dir);
    expect(clips.map((c) => c.id)).toEqual(['cancel.wav', 'thanks.wav']);
    expect(clips[0].text).toBe('I would like to cancel my account please');
    const seconds = clips[0].audio16k.length / 16000;
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(5);
    expect(skipped).toEqual(['orphan.wav: no orphan.txt']);
  });

  it.skipIf(!havePocketSphinx)('prints the WER of every file and overall', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'models/train/eval-asr.ts', dir, '--engines', 'pocketsphinx:general'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cancel\.wav/);
    expect(r.stdout).toMatch(/thanks\.wav/);
    const overall = /overall \(2 files\)\s+WER (\d\.\d{3})/.exec(r.stdout);
    expect(overall, r.stdout).not.toBeNull();
    expect(Number(overall![1])).toBeLessThan(0.5); // two clear sentences
  }, 120_000);

  it('fails with a clear message on a folder without references', () => {
    const empty = mkdtempSync(join(tmpdir(), 'eval-asr-empty-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'models/train/eval-asr.ts', empty], { encoding: 'utf8' });
    rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no \.wav file with a \.txt reference/);
  }, 60_000);
});
