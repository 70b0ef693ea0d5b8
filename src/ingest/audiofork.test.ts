import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { AudioForkAdapter, parseSampleRate } from './audiofork.ts';

// The first text frame as jambonz `listen` sends it: call attributes, sampleRate, mixType and merged metadata.
const jambonzStereo = JSON.stringify({
  callSid: '9fb35c28-9688-4531-943c-e280b04f3adf', direction: 'inbound', from: '+15083084809', to: '+15083728299',
  callId: 'd8907723-0bc7-123b-09b5-12e962f3039b', accountSid: '4bfe85c1-96bb-4af7-ac83-68fe7ebd562d',
  sampleRate: 16000, mixType: 'stereo', agentId: 'agent-7', customerId: 'cust-42',
});
function codeOf(fn: () => unknown): string {
  try { fn() } catch (e) { if (e instanceof AppError) return e.code; throw e }
  return 'no error';
}

describe('mod_audio_fork / jambonz listen adapter', () => {
  it('a jambonz stereo stream: caller left is the customer, callee right the agent', () => {
    const a = new AudioForkAdapter();
    expect(a.onMessage(jambonzStereo, false).events).toEqual([{ kind: 'start', callId: '9fb35c28-9688-4531-943c-e280b04f3adf', agentId: 'agent-7',
      customerId: 'cust-42', format: { encoding: 'pcm16', sampleRateHz: 16000, channels: 2, channelMap: ['customer', 'agent'] },
      meta: { mixType: 'stereo', direction: 'inbound' } }]);
    const frame = new Uint8Array(1280); // 20 ms, 16 kHz, two channels of 16-bit
    expect(a.onMessage(frame, true).events).toEqual([{ kind: 'audio', data: frame }]);
    expect(codeOf(() => a.onMessage(new Uint8Array(1282), true))).toBe('BAD_AUDIO_FRAME');
    expect(a.onMessage('{"event":"dtmf","dtmf":"9","duration":"1600"}', false).events).toEqual([{ kind: 'dtmf', digit: '9' }]);
    expect(a.onClose().events).toEqual([{ kind: 'stop', reason: 'socket closed' }]);
  });

  it('mod_audio_fork metadata with nested custom fields, mixed audio at the default 8 kHz', () => {
    const a = new AudioForkAdapter(() => 'generated');
    const [ev] = a.onMessage(JSON.stringify({ mixType: 'mixed', metadata: { agentId: 'agent-9', uuid: 'fs-uuid-1' } }), false).events;
    expect(ev).toMatchObject({ callId: 'fs-uuid-1', agentId: 'agent-9', format: { sampleRateHz: 8000, channels: 1, channelMap: ['customer'] } });
  });

  it('reads rates written as Hz or as "16k", and refuses bad metadata', () => {
    expect(parseSampleRate('16k')).toBe(16000);
    expect(parseSampleRate(8000)).toBe(8000);
    expect(codeOf(() => parseSampleRate(64000))).toBe('UNSUPPORTED_RATE');
    expect(codeOf(() => new AudioForkAdapter().onMessage(new Uint8Array(320), true))).toBe('AUDIO_BEFORE_START');
    expect(codeOf(() => new AudioForkAdapter().onMessage('{"mixType":"quad"}', false))).toBe('BAD_START');
    expect(codeOf(() => new AudioForkAdapter().onMessage('[1,2]', false))).toBe('BAD_START');
  });
});
