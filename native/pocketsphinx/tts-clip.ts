// Test helper: a real TTS clip (Debian's flite, voice slt) as 16 kHz mono PCM16, made in a tmp dir.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasFlite = (): boolean => ['/usr/bin/flite', '/usr/bin/sox'].every((p) => existsSync(p));

/** Synthesizes `text` and returns its samples (16 kHz int16, header stripped). */
export function ttsClip16k(text: string): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), 'ps-tts-'));
  const raw = join(dir, 'raw.wav'), out = join(dir, 'clip.raw');
  execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', raw]);
  execFileSync('sox', [raw, '-r', '16000', '-b', '16', '-c', '1', '-e', 'signed-integer', '-t', 'raw', out]);
  const buf = readFileSync(out);
  return new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + (buf.length & ~1)));
}

export const toFloat = (pcm: Int16Array): Float32Array => Float32Array.from(pcm, (v) => v / 32768);
