import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { AudioSocketAdapter, AudioSocketParser, formatUuid } from './audiosocket.ts';

/** One AudioSocket frame: type, big-endian length, payload. */
const frame = (kind: number, payload: Uint8Array = new Uint8Array(0)) => {
  const out = new Uint8Array(3 + payload.byteLength);
  out[0] = kind; out[1] = payload.byteLength >> 8; out[2] = payload.byteLength & 0xff;
  out.set(payload, 3);
  return out;
};
const UUID_BYTES = Uint8Array.from([0x40, 0x32, 0x5a, 0x1b, 0x8b, 0x1f, 0x4c, 0x3e, 0x9a, 0x57, 0x2e, 0x0c, 0x01, 0x5c, 0x9f, 0x31]);
const UUID = '40325a1b-8b1f-4c3e-9a57-2e0c015c9f31';
const slin20ms = () => Uint8Array.from({ length: 320 }, (_, i) => i & 0xff); // 160 samples at 8 kHz
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
function codeOf(fn: () => unknown): string {
  try { fn() } catch (e) { if (e instanceof AppError) return e.code; throw e }
  return 'no error';
}

describe('Asterisk AudioSocket parser', () => {
  it('reads a whole call: uuid, audio, dtmf, hangup', () => {
    const p = new AudioSocketParser();
    const audio = slin20ms();
    const events = p.push(concat(frame(0x01, UUID_BYTES), frame(0x10, audio), frame(0x03, Uint8Array.of(0x35)), frame(0x10, audio), frame(0x00)));
    expect(events).toEqual([
      { kind: 'start', callId: UUID, agentId: 'unassigned', format: { encoding: 'pcm16', sampleRateHz: 8000, channels: 1, channelMap: ['customer'] } },
      { kind: 'audio', data: audio }, { kind: 'dtmf', digit: '5' }, { kind: 'audio', data: audio }, { kind: 'stop', reason: 'hangup' },
    ]);
    expect(p.push(frame(0x10, audio))).toEqual([]); // nothing after hangup
    expect(p.end()).toEqual([]);
  });

  it('gives the same events however TCP splits the stream, down to one byte at a time', () => {
    const stream = concat(frame(0x01, UUID_BYTES), frame(0x12, slin20ms()), frame(0x12, slin20ms()), frame(0x03, Uint8Array.of(0x23)));
    const whole = new AudioSocketParser().push(stream);
    for (const size of [1, 2, 3, 7, 100, 333]) {
      const p = new AudioSocketParser();
      const got = [];
      for (let off = 0; off < stream.byteLength; off += size) got.push(...p.push(stream.slice(off, off + size)));
      expect(got, `chunks of ${size} bytes`).toEqual(whole);
    }
    expect(whole[0]).toMatchObject({ kind: 'start', format: { sampleRateHz: 16000 } }); // 0x12 is slin16
    expect(whole.at(-1)).toEqual({ kind: 'dtmf', digit: '#' });
  });

  it('ends the call on socket close or on the caller-hangup error code, not on other errors', () => {
    const p = new AudioSocketParser();
    p.push(concat(frame(0x01, UUID_BYTES), frame(0x10, slin20ms())));
    expect(p.push(frame(0xff, Uint8Array.of(0x04)))).toEqual([]); // memory error: the call goes on
    expect(p.push(frame(0xff, Uint8Array.of(0x01)))).toEqual([{ kind: 'stop', reason: 'caller hung up' }]);
    const q = new AudioSocketParser();
    q.push(concat(frame(0x01, UUID_BYTES), frame(0x10, slin20ms())));
    expect(q.end()).toEqual([{ kind: 'stop', reason: 'socket closed' }]);
  });

  it('refuses audio before the uuid, odd-sized slin, rate changes, unknown types and 96 kHz', () => {
    expect(codeOf(() => new AudioSocketParser().push(frame(0x10, slin20ms())))).toBe('AUDIO_BEFORE_START');
    expect(codeOf(() => new AudioSocketParser().push(concat(frame(0x01, UUID_BYTES), frame(0x10, new Uint8Array(321)))))).toBe('BAD_AUDIO_FRAME');
    expect(codeOf(() => new AudioSocketParser().push(concat(frame(0x01, UUID_BYTES), frame(0x10, slin20ms()), frame(0x12, slin20ms()))))).toBe('BAD_AUDIO_FRAME');
    expect(codeOf(() => new AudioSocketParser().push(concat(frame(0x01, UUID_BYTES), frame(0x42, slin20ms()))))).toBe('BAD_MESSAGE');
    expect(codeOf(() => new AudioSocketParser().push(concat(frame(0x01, UUID_BYTES), frame(0x17, slin20ms()))))).toBe('UNSUPPORTED_RATE');
    expect(codeOf(() => new AudioSocketParser().push(frame(0x01, new Uint8Array(4))))).toBe('BAD_START');
  });

  it('formats the binary uuid as Asterisk prints it, and works behind the adapter interface', () => {
    expect(formatUuid(UUID_BYTES)).toBe(UUID);
    const a = new AudioSocketAdapter();
    expect(a.source).toBe('audiosocket');
    expect(a.onMessage(frame(0x01, UUID_BYTES)).events).toEqual([]);
    expect(a.onMessage(frame(0x10, slin20ms())).events.map((e) => e.kind)).toEqual(['start', 'audio']);
    expect(a.onClose().events).toEqual([{ kind: 'stop', reason: 'socket closed' }]);
  });
});
