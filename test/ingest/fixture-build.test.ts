// The fixture builder: truth times must match where speech really is in the built audio, since every
// integration test scores VAD, ASR and prompt timing against them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMulaw } from '../../src/audio/g711.ts';
import { pcm16ToFloat32, deinterleave } from '../../src/audio/pcm.ts';
import { buildCall, type Truth } from '../../fixtures/build-call.ts';
import { parseScenario } from '../../fixtures/scenario.ts';

interface Wav { format: number; channels: number; rate: number; samples: Float32Array[] }

function readWav(path: string): Wav {
  const buf = readFileSync(path);
  let off = 12, format = 0, channels = 0, rate = 0, data: Uint8Array | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4), size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') { format = buf.readUInt16LE(off + 8); channels = buf.readUInt16LE(off + 10); rate = buf.readUInt32LE(off + 12) }
    if (id === 'data') data = new Uint8Array(buf.buffer, buf.byteOffset + off + 8, size);
    off += 8 + size + (size % 2);
  }
  if (!data) throw new Error('no data chunk');
  const flat = format === 7 ? decodeMulaw(data) : pcm16ToFloat32(data);
  return { format, channels, rate, samples: deinterleave(flat, channels) };
}

/** Peak magnitude of x over [fromS, toS). */
function peak(x: Float32Array, rate: number, fromS: number, toS: number): number {
  let p = 0;
  for (let i = Math.max(0, Math.floor(fromS * rate)); i < Math.min(x.length, Math.ceil(toS * rate)); i++) p = Math.max(p, Math.abs(x[i]));
  return p;
}

// Truth edges are where the 16 kHz voice crosses -40 dBFS; the 8 kHz mu-law copy lands a few dB lower there.
const SPEECH = 0.006, SILENCE = 0.002, MARGIN_S = 0.05;

/** Checks each truth turn against one channel: speech right after start and right before end, silence outside. */
function checkTruth(truth: Truth, wav: Wav): void {
  const byChannel = { customer: wav.samples[0], agent: wav.samples[1] };
  for (const channel of ['customer', 'agent'] as const) {
    const x = byChannel[channel];
    const turns = truth.turns.filter((t) => t.channel === channel).sort((a, b) => a.start - b.start);
    for (const t of turns) {
      expect(peak(x, wav.rate, t.start, t.start + MARGIN_S), `${channel} "${t.text}" starts`).toBeGreaterThan(SPEECH);
      expect(peak(x, wav.rate, t.end - MARGIN_S, t.end), `${channel} "${t.text}" ends`).toBeGreaterThan(SPEECH);
    }
    // Outside every turn (with the margin) the channel is silent.
    let from = 0;
    for (const t of [...turns, { start: truth.durationS + MARGIN_S, end: truth.durationS }]) {
      if (t.start - MARGIN_S > from) expect(peak(x, wav.rate, from, t.start - MARGIN_S), `${channel} silent before ${t.start}`).toBeLessThan(SILENCE);
      from = t.end + MARGIN_S;
    }
  }
}

describe('fixture builder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixture-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = parseScenario(`
voices: { agent: "flite:rms", customer: "flite:slt" }
also16k: true
expect: { prompts: [overtalk], noPrompts: [dead-air] }
turns:
  - { channel: agent, text: "This call may be recorded." }
  - { channel: customer, text: "I would like to pay my bill please.", gap: 1.0 }
  - { channel: agent, text: "Sure, one moment.", overlap: 0.8 }
  - { channel: customer, text: "Thank you.", gap: 2.0, speed: 1.2 }
`, 'tiny');

  it('writes a stereo 8 kHz mu-law call whose truth turns match the speech within 50 ms', () => {
    const { truth } = buildCall(scenario, dir);
    const wav = readWav(join(dir, 'tiny.wav'));
    expect([wav.format, wav.channels, wav.rate]).toEqual([7, 2, 8000]);
    expect(truth.durationS).toBeCloseTo(wav.samples[0].length / 8000, 3);
    expect(truth.expect).toEqual({ prompts: ['overtalk'], noPrompts: ['dead-air'] });
    expect(truth.turns.map((t) => t.channel)).toEqual(['agent', 'customer', 'agent', 'customer']);
    expect(truth.turns[1].start - truth.turns[0].end).toBeCloseTo(1.0, 3);
    expect(truth.turns[1].end - truth.turns[2].start).toBeCloseTo(0.8, 3); // the overlap
    expect(truth.turns[3].start - truth.turns[2].end).toBeCloseTo(2.0, 3);
    checkTruth(truth, wav);
  });

  it('writes the same call as PCM16 16 kHz stereo when asked', () => {
    const { truth } = buildCall(scenario, dir);
    const wav = readWav(join(dir, 'tiny.16k.wav'));
    expect([wav.format, wav.channels, wav.rate]).toEqual([1, 2, 16000]);
    checkTruth(truth, wav);
  });

  it('gives the same bytes for the same scenario', () => {
    buildCall(scenario, dir);
    const first = readFileSync(join(dir, 'tiny.wav'));
    buildCall(scenario, dir);
    expect(readFileSync(join(dir, 'tiny.wav')).equals(first)).toBe(true);
  });
});

describe('committed fixture calls', () => {
  const callsDir = join(import.meta.dirname, '../../fixtures/calls');
  const names = readdirSync(callsDir).filter((f) => f.endsWith('.truth.json')).map((f) => f.replace('.truth.json', ''));

  it('exist for every scenario', () => {
    const scenarios = readdirSync(join(callsDir, '../scenarios')).map((f) => f.replace('.yaml', ''));
    expect(names.sort()).toEqual(scenarios.sort());
  });

  it.each(names)('%s: phone format, under 1.5 MB, truth matches the audio', (name) => {
    const path = join(callsDir, `${name}.wav`);
    expect(statSync(path).size).toBeLessThan(1.5e6);
    const wav = readWav(path);
    expect([wav.format, wav.channels, wav.rate]).toEqual([7, 2, 8000]);
    checkTruth(JSON.parse(readFileSync(join(callsDir, `${name}.truth.json`), 'utf8')), wav);
  });
});
