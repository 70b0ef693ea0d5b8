// Real speech for tests, synthesised with Debian's espeak-ng (installed by setup-system.sh).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resample } from '../../src/audio/resample.ts';

/** Speech at 16 kHz, trimmed to where the voice is (the first and last samples above -40 dBFS). */
export function speak(text: string, voice = 'en-us', speedWpm = 160): Float32Array {
  const dir = mkdtempSync(join(tmpdir(), 'tts-'));
  try {
    const wav = join(dir, 'x.wav');
    execFileSync('espeak-ng', ['-v', voice, '-s', String(speedWpm), '-w', wav, text]);
    const buf = readFileSync(wav);
    const rate = buf.readUInt32LE(24);
    const dataOff = buf.indexOf('data') + 8;
    const n = (buf.length - dataOff) >> 1;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = buf.readInt16LE(dataOff + i * 2) / 32768;
    const y = resample(x, rate, 16000);
    let a = 0, b = y.length - 1;
    while (a < b && Math.abs(y[a]) < 0.01) a++;
    while (b > a && Math.abs(y[b]) < 0.01) b--;
    return y.slice(a, b + 1);
  } finally { rmSync(dir, { recursive: true, force: true }) }
}

/** Concatenates [silenceS | speech] parts into one 16 kHz signal and returns where each speech part lies (s). */
export function layout(parts: Array<number | Float32Array>): { audio: Float32Array; spans: Array<[number, number]> } {
  const total = parts.reduce<number>((n, p) => n + (typeof p === 'number' ? Math.round(p * 16000) : p.length), 0);
  const audio = new Float32Array(total);
  const spans: Array<[number, number]> = [];
  let pos = 0;
  for (const p of parts) {
    if (typeof p === 'number') { pos += Math.round(p * 16000); continue }
    audio.set(p, pos);
    spans.push([pos / 16000, (pos + p.length) / 16000]);
    pos += p.length;
  }
  return { audio, spans };
}
