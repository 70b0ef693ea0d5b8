import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { AudioHookAdapter, chooseMedia } from './audiohook.ts';

const SESSION = 'e160e428-53e2-487c-977d-96989bf5c99d';
// An open message as Genesys Cloud sends it (AudioHook protocol v2).
const openParams = (over: Record<string, unknown> = {}) => ({
  organizationId: 'd7934305-0972-4844-938e-9060eef73d05',
  conversationId: '090eaa2f-72fa-480a-83e0-8667ff89c0ec',
  participant: { id: '883efee8-3d6c-4537-b500-6d7ca4b92fa0', ani: '+1-555-555-1234', aniName: 'John Doe', dnis: '+1-800-555-6789' },
  media: [
    { type: 'audio', format: 'PCMU', channels: ['external'], rate: 8000 },
    { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 },
    { type: 'audio', format: 'PCMU', channels: ['internal'], rate: 8000 },
  ],
  language: 'en-US',
  customConfig: { agentId: 'agent-7' },
  ...over,
});

/** A client that numbers its messages as Genesys does and remembers the server's last seq. */
class FakeGenesysClient {
  seq = 0;
  serverseq = 0;
  constructor(readonly adapter = new AudioHookAdapter()) {}
  send(type: string, parameters: Record<string, unknown> = {}) {
    const out = this.adapter.onMessage(JSON.stringify({ version: '2', id: SESSION, type, seq: ++this.seq, serverseq: this.serverseq, position: 'PT1.5S', parameters }), false);
    const replies = (out.replies ?? []).map((r) => JSON.parse(r as string));
    for (const r of replies) this.serverseq = r.seq;
    return { events: out.events, replies };
  }
}

function codeOf(fn: () => unknown): string {
  try { fn() } catch (e) { if (e instanceof AppError) return e.code; throw e }
  return 'no error';
}

describe('Genesys AudioHook adapter', () => {
  it('answers open with opened (stereo PCMU chosen) and starts the call: external is the customer', () => {
    const c = new FakeGenesysClient();
    const { events, replies } = c.send('open', openParams());
    expect(replies).toEqual([{ version: '2', type: 'opened', seq: 1, clientseq: 1, id: SESSION,
      parameters: { media: [{ type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 }], startPaused: false } }]);
    expect(events).toEqual([{
      kind: 'start', callId: '090eaa2f-72fa-480a-83e0-8667ff89c0ec', agentId: 'agent-7', customerId: '883efee8-3d6c-4537-b500-6d7ca4b92fa0',
      format: { encoding: 'mulaw', sampleRateHz: 8000, channels: 2, channelMap: ['customer', 'agent'] },
      meta: { sessionId: SESSION, organizationId: 'd7934305-0972-4844-938e-9060eef73d05', language: 'en-US' },
    }]);
  });

  it('keeps sequence numbers right through ping, pause, resume, update and close', () => {
    const c = new FakeGenesysClient();
    c.send('open', openParams());
    const frame = new Uint8Array(320); // 20 ms, two channels of PCMU
    expect(c.adapter.onMessage(frame, true).events).toEqual([{ kind: 'audio', data: frame }]);
    expect(c.send('ping', { rtt: 'PT0.05S' }).replies).toEqual([{ version: '2', type: 'pong', seq: 2, clientseq: 2, id: SESSION, parameters: {} }]);
    expect(c.send('paused').events).toEqual([{ kind: 'pause' }]);
    expect(c.send('resumed', { start: 'PT10S', discarded: 'PT2S' }).events).toEqual([{ kind: 'resume' }]);
    expect(c.send('update', { language: 'en-GB' })).toEqual({ events: [], replies: [] });
    expect(c.send('discarded', { start: 'PT12S', discarded: 'PT0.2S' }).events).toEqual([]);
    expect(c.send('error', { code: 429, message: 'rate limited', retryAfter: 'PT1S' }).events).toEqual([]);
    const closed = c.send('close', { reason: 'end' });
    expect(closed.events).toEqual([{ kind: 'stop', reason: 'close: end' }]);
    expect(closed.replies).toEqual([{ version: '2', type: 'closed', seq: 3, clientseq: 8, id: SESSION, parameters: {} }]);
    expect(c.adapter.onClose().events).toEqual([]);
  });

  it('numbers transcript events sent back to Genesys in the server sequence', () => {
    const c = new FakeGenesysClient();
    expect(c.adapter.eventMessage([])).toBeNull(); // not open yet
    c.send('open', openParams());
    const entity = AudioHookAdapter.transcriptEntity({ utteranceId: 'u1', channel: 'customer', text: 'hello there', final: true, start: 1.25, end: 2.5, confidence: 0.8 });
    const ev = JSON.parse(c.adapter.eventMessage([entity])!);
    expect(ev).toEqual({ version: '2', type: 'event', seq: 2, clientseq: 1, id: SESSION, parameters: { entities: [{ type: 'transcript', data: {
      id: 'u1', channel: 'external', isFinal: true, offset: 'PT1.25S', duration: 'PT1.25S',
      alternatives: [{ confidence: 0.8, interpretations: [{ type: 'display', transcript: 'hello there' }] }] } }] } });
    expect(c.send('ping').replies[0]).toMatchObject({ type: 'pong', seq: 3, clientseq: 2 });
  });

  it('answers a connection probe (null conversation id) without starting a call', () => {
    const c = new FakeGenesysClient();
    const open = c.send('open', openParams({ conversationId: '00000000-0000-0000-0000-000000000000' }));
    expect(open.events).toEqual([]);
    expect(open.replies[0].type).toBe('opened');
    expect(c.send('close', { reason: 'end' })).toMatchObject({ events: [], replies: [{ type: 'closed' }] });
  });

  it('refuses out-of-order seq, a changed session id, audio before open and torn frames', () => {
    const c = new FakeGenesysClient();
    expect(codeOf(() => c.adapter.onMessage(new Uint8Array(320), true))).toBe('AUDIO_BEFORE_START');
    c.send('open', openParams());
    c.seq += 1; // skips one
    expect(codeOf(() => c.send('ping'))).toBe('BAD_MESSAGE');
    const other = new FakeGenesysClient();
    other.send('open', openParams());
    expect(codeOf(() => other.adapter.onMessage(JSON.stringify({ version: '2', id: 'another', type: 'ping', seq: 2, serverseq: 1, parameters: {} }), false))).toBe('BAD_MESSAGE');
    expect(codeOf(() => other.adapter.onMessage(new Uint8Array(321), true))).toBe('BAD_AUDIO_FRAME');
    expect(codeOf(() => new FakeGenesysClient().send('open', openParams({ media: [{ type: 'audio', format: 'opus', channels: ['external'], rate: 48000 }] })))).toBe('UNSUPPORTED_ENCODING');
    expect(codeOf(() => new AudioHookAdapter().onMessage('{"version":"1"}', false))).toBe('BAD_START');
  });

  it('chooses stereo over mono and PCMU over L16; L16 maps to pcm16 in the offered channel order', () => {
    expect(chooseMedia([
      { type: 'audio', format: 'L16', channels: ['internal', 'external'], rate: 8000 },
      { type: 'audio', format: 'PCMU', channels: ['external'], rate: 8000 },
    ])).toEqual({ type: 'audio', format: 'L16', channels: ['internal', 'external'], rate: 8000 });
    const c = new FakeGenesysClient();
    const { events } = c.send('open', openParams({ media: [{ type: 'audio', format: 'L16', channels: ['internal', 'external'], rate: 8000 }] }));
    expect(events[0]).toMatchObject({ format: { encoding: 'pcm16', channels: 2, channelMap: ['agent', 'customer'] } });
  });
});
