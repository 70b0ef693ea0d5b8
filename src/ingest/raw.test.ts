import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { RawAdapter } from './raw.ts';

const start = (o: Record<string, unknown> = {}) => JSON.stringify({
  callId: 'call-1', agentId: 'agent-7', customerId: 'cust-42', encoding: 'mulaw', sampleRate: 8000, channels: 2, channelMap: ['customer', 'agent'], ...o,
});

function codeOf(fn: () => unknown): string {
  try { fn() } catch (e) { if (e instanceof AppError) return e.code; throw e }
  return 'no error';
}

describe('raw protocol adapter', () => {
  it('turns start, audio and stop into call events', () => {
    const a = new RawAdapter();
    const started = a.onMessage(start(), false).events;
    expect(started).toEqual([{ kind: 'start', callId: 'call-1', agentId: 'agent-7', customerId: 'cust-42',
      format: { encoding: 'mulaw', sampleRateHz: 8000, channels: 2, channelMap: ['customer', 'agent'] } }]);
    const frame = new Uint8Array(320); // 20 ms of stereo mu-law
    expect(a.onMessage(frame, true).events).toEqual([{ kind: 'audio', data: frame }]);
    expect(a.onMessage('{"event":"dtmf","digit":"5"}', false).events).toEqual([{ kind: 'dtmf', digit: '5' }]);
    expect(a.onMessage('{"event":"stop"}', false).events).toEqual([{ kind: 'stop', reason: 'stop message' }]);
    expect(a.onClose().events).toEqual([]); // already stopped
  });

  it('defaults the channel map and stops when the socket closes without a stop', () => {
    const a = new RawAdapter();
    const [ev] = a.onMessage(JSON.stringify({ callId: 'c', agentId: 'a', encoding: 'pcm16', sampleRate: 16000, channels: 1 }), false).events;
    expect(ev).toMatchObject({ kind: 'start', format: { channelMap: ['customer'], channels: 1 } });
    expect(a.onClose().events).toEqual([{ kind: 'stop', reason: 'socket closed' }]);
  });

  it('refuses bad input with stable error codes', () => {
    expect(codeOf(() => new RawAdapter().onMessage(new Uint8Array(320), true))).toBe('AUDIO_BEFORE_START');
    expect(codeOf(() => new RawAdapter().onMessage('{callId: nope', false))).toBe('BAD_START');
    expect(codeOf(() => new RawAdapter().onMessage(start({ encoding: 'opus' }), false))).toBe('UNSUPPORTED_ENCODING');
    expect(codeOf(() => new RawAdapter().onMessage(start({ sampleRate: 96000 }), false))).toBe('UNSUPPORTED_RATE');
    expect(codeOf(() => new RawAdapter().onMessage(start({ sampleRate: 4000 }), false))).toBe('UNSUPPORTED_RATE');
    expect(codeOf(() => new RawAdapter().onMessage(start({ channels: 2, channelMap: ['customer'] }), false))).toBe('BAD_START');
    expect(codeOf(() => new RawAdapter().onMessage(start({ channelMap: ['agent', 'agent'] }), false))).toBe('BAD_START');
    expect(codeOf(() => new RawAdapter().onMessage(start({ channels: 3 }), false))).toBe('BAD_START');
  });

  it('names the missing fields of a start message', () => {
    try { new RawAdapter().onMessage(JSON.stringify({ encoding: 'pcm16' }), false); expect.unreachable() } catch (e) {
      expect((e as AppError).code).toBe('BAD_START');
      expect((e as AppError).message).toMatch(/callId/);
      expect((e as AppError).message).toMatch(/agentId/);
    }
  });

  it('refuses a frame that is not a whole number of samples x channels', () => {
    const a = new RawAdapter();
    a.onMessage(start({ encoding: 'pcm16', sampleRate: 16000 }), false); // 4 bytes per stereo sample frame
    expect(a.onMessage(new Uint8Array(1280), true).events).toHaveLength(1);
    expect(codeOf(() => a.onMessage(new Uint8Array(1282), true))).toBe('BAD_AUDIO_FRAME');
    const m = new RawAdapter();
    m.onMessage(start({ encoding: 'alaw', channels: 1, channelMap: ['agent'] }), false);
    expect(m.onMessage(new Uint8Array(161), true).events).toHaveLength(1); // 1 byte per mono A-law sample
  });

  it('refuses a second start and unknown text events', () => {
    const a = new RawAdapter();
    a.onMessage(start(), false);
    expect(codeOf(() => a.onMessage(start(), false))).toBe('BAD_MESSAGE');
    expect(codeOf(() => a.onMessage('{"event":"dance"}', false))).toBe('BAD_MESSAGE');
    expect(codeOf(() => a.onMessage('not json', false))).toBe('BAD_MESSAGE');
  });
});
