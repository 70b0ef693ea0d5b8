import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { VonageAdapter } from './vonage.ts';

// The first message as Vonage sends it, with custom headers from the NCCO `connect` endpoint.
const connected = JSON.stringify({ event: 'websocket:connected', 'content-type': 'audio/l16;rate=16000', agentId: 'agent-7', customerId: 'cust-42', callId: 'vonage-call-1' });
function codeOf(fn: () => unknown): string {
  try { fn() } catch (e) { if (e instanceof AppError) return e.code; throw e }
  return 'no error';
}

describe('Vonage Voice WebSocket adapter', () => {
  it('starts a mixed mono L16 call from websocket:connected and passes 20 ms frames on', () => {
    const a = new VonageAdapter();
    expect(a.onMessage(connected, false).events).toEqual([{ kind: 'start', callId: 'vonage-call-1', agentId: 'agent-7', customerId: 'cust-42',
      format: { encoding: 'pcm16', sampleRateHz: 16000, channels: 1, channelMap: ['customer'] }, meta: { mixed: true } }]);
    const frame = new Uint8Array(640);
    expect(a.onMessage(frame, true).events).toEqual([{ kind: 'audio', data: frame }]);
    expect(a.onMessage(JSON.stringify({ event: 'websocket:dtmf', digit: '7', duration: 250 }), false).events).toEqual([{ kind: 'dtmf', digit: '7' }]);
    expect(a.onMessage(JSON.stringify({ event: 'websocket:notify', payload: {} }), false).events).toEqual([]);
    expect(a.onClose().events).toEqual([{ kind: 'stop', reason: 'socket closed' }]);
    expect(a.onClose().events).toEqual([]);
  });

  it('reads 8 kHz and gives a call without custom headers its own id and an unassigned agent', () => {
    const a = new VonageAdapter(() => 'generated-id');
    expect(a.onMessage('{"event":"websocket:connected","content-type":"audio/l16;rate=8000"}', false).events)
      .toMatchObject([{ callId: 'generated-id', agentId: 'unassigned', format: { sampleRateHz: 8000 } }]);
  });

  it('refuses audio first, other first messages, other encodings and torn samples', () => {
    expect(codeOf(() => new VonageAdapter().onMessage(new Uint8Array(640), true))).toBe('AUDIO_BEFORE_START');
    expect(codeOf(() => new VonageAdapter().onMessage('{"event":"hello"}', false))).toBe('BAD_START');
    expect(codeOf(() => new VonageAdapter().onMessage('{"event":"websocket:connected","content-type":"audio/opus"}', false))).toBe('UNSUPPORTED_ENCODING');
    expect(codeOf(() => new VonageAdapter().onMessage('{"event":"websocket:connected","content-type":"audio/l16;rate=96000"}', false))).toBe('UNSUPPORTED_RATE');
    const a = new VonageAdapter();
    a.onMessage(connected, false);
    expect(codeOf(() => a.onMessage(new Uint8Array(641), true))).toBe('BAD_AUDIO_FRAME');
  });
});
