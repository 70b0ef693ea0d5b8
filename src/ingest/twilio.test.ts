import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { TwilioAdapter } from './twilio.ts';

// Message shapes as Twilio Media Streams sends them (sids shortened).
const connected = { event: 'connected', protocol: 'Call', version: '1.0.0' };
const start = (tracks = ['inbound', 'outbound'], customParameters: Record<string, string> = { agentId: 'agent-7', customerId: 'cust-42' }) => ({
  event: 'start', sequenceNumber: '1', streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0',
  start: {
    accountSid: 'AC123', streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0', callSid: 'CA123456789abcdef', tracks,
    customParameters, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
  },
});
const chunk = Buffer.alloc(160, 0xff); // 20 ms of mu-law silence
const media = (track: string, n: number) => ({
  event: 'media', sequenceNumber: String(n + 2), streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0',
  media: { track, chunk: String(n), timestamp: String(n * 20), payload: chunk.toString('base64') },
});
const send = (a: TwilioAdapter, m: unknown) => a.onMessage(JSON.stringify(m), false).events;
function codeOf(fn: () => unknown): string {
  try { fn() } catch (e) { if (e instanceof AppError) return e.code; throw e }
  return 'no error';
}

describe('Twilio Media Streams adapter', () => {
  it('starts the call with the call sid and custom parameters, and tags each track with its party', () => {
    const a = new TwilioAdapter();
    expect(send(a, connected)).toEqual([]);
    expect(send(a, start())).toEqual([{
      kind: 'start', callId: 'CA123456789abcdef', agentId: 'agent-7', customerId: 'cust-42',
      format: { encoding: 'mulaw', sampleRateHz: 8000, channels: 2, channelMap: ['customer', 'agent'] },
      meta: { streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0', accountSid: 'AC123', tracks: ['customer', 'agent'] },
    }]);
    const [inbound] = send(a, media('inbound', 1));
    expect(inbound).toMatchObject({ kind: 'audio', channel: 'customer' });
    expect(Buffer.from((inbound as { data: Uint8Array }).data)).toEqual(chunk);
    expect(send(a, media('outbound', 2))).toMatchObject([{ kind: 'audio', channel: 'agent' }]);
    expect(send(a, { event: 'mark', sequenceNumber: '9', streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0', mark: { name: 'greeting' } })).toEqual([]);
    expect(send(a, { event: 'dtmf', streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0', sequenceNumber: '10', dtmf: { track: 'inbound_track', digit: '1' } }))
      .toEqual([{ kind: 'dtmf', digit: '1' }]);
    expect(send(a, { event: 'stop', sequenceNumber: '11', streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0', stop: { accountSid: 'AC123', callSid: 'CA123456789abcdef' } }))
      .toEqual([{ kind: 'stop', reason: 'stop message' }]);
    expect(a.onClose().events).toEqual([]);
  });

  it('an inbound-only stream is the customer alone; a call without agentId is unassigned', () => {
    const a = new TwilioAdapter();
    expect(send(a, start(['inbound'], {}))).toMatchObject([{ agentId: 'unassigned', format: { channels: 1, channelMap: ['customer'] } }]);
    expect(send(a, media('outbound', 1))).toEqual([]); // a track that was not announced
    expect(a.onClose().events).toEqual([{ kind: 'stop', reason: 'socket closed' }]);
  });

  it('refuses media before start, binary frames, bad payloads and other encodings', () => {
    expect(codeOf(() => send(new TwilioAdapter(), media('inbound', 1)))).toBe('AUDIO_BEFORE_START');
    expect(codeOf(() => new TwilioAdapter().onMessage(new Uint8Array(160), true))).toBe('BAD_MESSAGE');
    expect(codeOf(() => new TwilioAdapter().onMessage('{oops', false))).toBe('BAD_START');
    const bad = start();
    (bad.start.mediaFormat as { encoding: string }).encoding = 'audio/x-l16';
    expect(codeOf(() => send(new TwilioAdapter(), bad))).toBe('UNSUPPORTED_ENCODING');
    const a = new TwilioAdapter();
    send(a, start());
    const corrupt = media('inbound', 1);
    corrupt.media.payload = 'not base64!';
    expect(codeOf(() => send(a, corrupt))).toBe('BAD_MESSAGE');
    expect(codeOf(() => send(a, { ...media('inbound', 2), streamSid: 'MZother' }))).toBe('BAD_MESSAGE');
  });
});
