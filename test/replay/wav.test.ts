// The replay WAV reader: every supported format decodes to the audio that was written; every bad file is refused
// with an AppError whose code and message say what is wrong.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAlaw, decodeMulaw } from '../../src/audio/g711.ts';
import { pcm16ToFloat32 } from '../../src/audio/pcm.ts';
import { AppError } from '../../src/errors.ts';
import { parseWav, readWav, type WavAudio } from '../../src/replay/wav.ts';
import { buildWav, interleave, tone, wavOf } from './wav-builder.ts';

const decode = (w: WavAudio) => (w.encoding === 'pcm16' ? pcm16ToFloat32(w.data) : w.encoding === 'mulaw' ? decodeMulaw(w.data) : decodeAlaw(w.data));
const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

function refusal(bytes: Uint8Array): AppError {
  try { parseWav(bytes, 'bad.wav') } catch (err) { expect(err).toBeInstanceOf(AppError); return err as AppError }
  throw new Error('the file was accepted');
}

describe('parseWav: supported formats', () => {
  // G.711 keeps about 2-3 significant digits: a 0.5 sine survives within 2 % of full scale.
  const cases = [
    { encoding: 'pcm16', rateHz: 8000, tolerance: 1e-4 }, { encoding: 'pcm16', rateHz: 16000, tolerance: 1e-4 },
    { encoding: 'pcm16', rateHz: 44100, tolerance: 1e-4 }, { encoding: 'pcm16', rateHz: 48000, tolerance: 1e-4 },
    { encoding: 'mulaw', rateHz: 8000, tolerance: 0.02 }, { encoding: 'alaw', rateHz: 8000, tolerance: 0.02 },
    { encoding: 'mulaw', rateHz: 16000, tolerance: 0.02 }, { encoding: 'alaw', rateHz: 22050, tolerance: 0.02 },
  ] as const;

  it.each(cases)('$encoding mono at $rateHz Hz: format, rate, duration and samples', ({ encoding, rateHz, tolerance }) => {
    const samples = tone(440, rateHz, 0.5);
    const wav = parseWav(wavOf(encoding, samples, rateHz));
    expect(wav).toMatchObject({ encoding, sampleRateHz: rateHz, channels: 1 });
    expect(wav.durationS).toBeCloseTo(0.5, 3);
    expect(maxAbsDiff(decode(wav), samples)).toBeLessThan(tolerance);
  });

  it.each(['pcm16', 'mulaw', 'alaw'] as const)('%s stereo keeps left and right apart (interleaved)', (encoding) => {
    const left = tone(300, 8000, 0.25), right = tone(1000, 8000, 0.25, 0.2);
    const wav = parseWav(wavOf(encoding, interleave(left, right), 8000, 2));
    expect(wav).toMatchObject({ encoding, channels: 2, sampleRateHz: 8000 });
    expect(wav.durationS).toBeCloseTo(0.25, 3);
    const got = decode(wav);
    expect(maxAbsDiff(got.filter((_, i) => i % 2 === 0), left)).toBeLessThan(0.02);
    expect(maxAbsDiff(got.filter((_, i) => i % 2 === 1), right)).toBeLessThan(0.02);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE headers by their sub-format (PCM and mu-law)', () => {
    const pcm = buildWav({ format: 0xfffe, subFormat: 1, channels: 2, rateHz: 48000, bitsPerSample: 16, data: new Uint8Array(48000 * 4) });
    expect(parseWav(pcm)).toMatchObject({ encoding: 'pcm16', channels: 2, sampleRateHz: 48000, durationS: 1 });
    const ulaw = buildWav({ format: 0xfffe, subFormat: 7, channels: 1, rateHz: 8000, bitsPerSample: 8, data: new Uint8Array(800).fill(0xff) });
    expect(parseWav(ulaw)).toMatchObject({ encoding: 'mulaw', durationS: 0.1 });
  });

  it('skips chunks before the data (LIST, odd-sized chunks are padded)', () => {
    const data = new Uint8Array(1600);
    const wav = parseWav(buildWav({ format: 1, channels: 1, rateHz: 8000, bitsPerSample: 16, data,
      extraChunks: [{ id: 'LIST', body: Buffer.from('INFOISFT\x05\x00\x00\x00sox!!', 'latin1') }, { id: 'junk', body: new Uint8Array(3) }] }));
    expect(wav.data.byteLength).toBe(1600);
    expect(wav.durationS).toBeCloseTo(0.1, 6);
  });

  it('reads a stream-written file whose data size is 0, 0xffffffff or larger than the file', () => {
    const data = new Uint8Array(3200).fill(1);
    for (const dataSizeField of [0, 0xffffffff, 1_000_000]) {
      const wav = parseWav(buildWav({ format: 1, channels: 1, rateHz: 16000, bitsPerSample: 16, data, dataSizeField }));
      expect(wav.data.byteLength).toBe(3200);
      expect(wav.durationS).toBeCloseTo(0.1, 6);
    }
  });

  it('drops a trailing partial frame (a truncated last stereo sample)', () => {
    const wav = parseWav(buildWav({ format: 1, channels: 2, rateHz: 8000, bitsPerSample: 16, data: new Uint8Array(4 * 100 + 3) }));
    expect(wav.data.byteLength).toBe(400);
    expect(wav.durationS).toBeCloseTo(100 / 8000, 9);
  });

  it('reads an empty data chunk as a zero-length recording', () => {
    expect(parseWav(buildWav({ format: 7, channels: 1, rateHz: 8000, bitsPerSample: 8, data: new Uint8Array(0), dataSizeField: 0 })).durationS).toBe(0);
  });

  it('reads the committed fixture calls (stereo mu-law 8 kHz, PCM16 16 kHz)', () => {
    expect(readWav('fixtures/calls/greeting.wav')).toMatchObject({ encoding: 'mulaw', channels: 2, sampleRateHz: 8000 });
    expect(readWav('fixtures/calls/greeting.16k.wav')).toMatchObject({ encoding: 'pcm16', channels: 2, sampleRateHz: 16000 });
  });
});

describe('parseWav: bad files are refused with a clear error', () => {
  const good = { format: 1, channels: 1, rateHz: 8000, bitsPerSample: 16, data: new Uint8Array(160) };

  it('not a RIFF/WAVE file (empty, MP3-like, RIFF of another form)', () => {
    for (const bytes of [new Uint8Array(0), Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from('RIFF\x04\x00\x00\x00AVI ', 'latin1')]) {
      const e = refusal(bytes);
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.message).toBe('bad.wav: not a WAV file (no RIFF/WAVE header)');
    }
  });

  it('no fmt chunk, no data chunk, truncated fmt chunk', () => {
    const noFmt = Buffer.concat([Buffer.from('RIFF\x0c\x00\x00\x00WAVEdata\x00\x00\x00\x00', 'latin1')]);
    expect(refusal(noFmt).message).toMatch(/no fmt chunk/);
    const full = buildWav(good);
    const noData = full.subarray(0, 12 + 8 + 16);
    expect(refusal(noData).message).toMatch(/no data chunk/);
    const truncated = full.subarray(0, 12 + 8 + 10);
    expect(refusal(truncated).message).toMatch(/truncated fmt chunk/);
  });

  it('unsupported encodings: float (3), ADPCM (2), 8-bit and 24-bit PCM', () => {
    const float = refusal(buildWav({ ...good, format: 3, bitsPerSample: 32 }));
    expect(float.code).toBe('UNSUPPORTED_ENCODING');
    expect(float.message).toMatch(/WAV format 3 is not supported/);
    expect(refusal(buildWav({ ...good, format: 2, bitsPerSample: 4 })).code).toBe('UNSUPPORTED_ENCODING');
    for (const bits of [8, 24]) {
      const e = refusal(buildWav({ ...good, bitsPerSample: bits }));
      expect(e.code).toBe('UNSUPPORTED_ENCODING');
      expect(e.message).toContain(`${bits}-bit PCM is not supported`);
    }
  });

  it('more than two channels or none', () => {
    for (const channels of [0, 3, 6]) {
      const e = refusal(buildWav({ ...good, channels }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.message).toContain(`${channels} channels (mono or stereo only)`);
    }
  });

  it('sample rates outside 8-48 kHz', () => {
    for (const rateHz of [4000, 7999, 48001, 96000]) {
      const e = refusal(buildWav({ ...good, rateHz }));
      expect(e.code).toBe('UNSUPPORTED_RATE');
      expect(e.message).toContain(`${rateHz} Hz is outside 8000-48000`);
    }
  });

  it('readWav names the file in the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-'));
    try {
      const path = join(dir, 'notes.wav');
      writeFileSync(path, 'this is text, not audio');
      expect(() => readWav(path)).toThrow(`${path}: not a WAV file`);
    } finally { rmSync(dir, { recursive: true, force: true }) }
  });
});

// Files written by another program (sox), so the reader is not only checked against this test's own writer.
const hasSox = existsSync('/usr/bin/sox');
if (!hasSox) console.warn('wav tests: sox is not installed (Debian package sox); the files-written-by-sox checks are skipped');
describe.skipIf(!hasSox)('parseWav on files written by sox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wav-sox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases = [
    { args: ['-e', 'signed-integer', '-b', '16', '-r', '16000', '-c', '1'], want: { encoding: 'pcm16', sampleRateHz: 16000, channels: 1 } },
    { args: ['-e', 'signed-integer', '-b', '16', '-r', '44100', '-c', '2'], want: { encoding: 'pcm16', sampleRateHz: 44100, channels: 2 } },
    { args: ['-e', 'mu-law', '-r', '8000', '-c', '2'], want: { encoding: 'mulaw', sampleRateHz: 8000, channels: 2 } },
    { args: ['-e', 'a-law', '-r', '8000', '-c', '1'], want: { encoding: 'alaw', sampleRateHz: 8000, channels: 1 } },
  ] as const;
  it.each(cases)('sox $args.1 $args.5 Hz $args.7 ch', ({ args, want }) => {
    const path = join(dir, `${want.encoding}-${want.sampleRateHz}-${want.channels}.wav`);
    execFileSync('sox', ['-n', ...args, path, 'synth', '1.5', 'sine', '440', 'vol', '0.5']);
    const wav = readWav(path);
    expect(wav).toMatchObject(want);
    expect(wav.durationS).toBeCloseTo(1.5, 3);
    const samples = decode(wav);
    const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.45);
    expect(peak).toBeLessThan(0.55);
  });
});
