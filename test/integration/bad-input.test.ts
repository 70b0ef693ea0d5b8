// Bad input on /v1/stream gets a JSON error with a stable code and a close status, never a crash, and what
// was received before it is kept (the call is ended properly, so its events reach the desktop and the store).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeAnalyzer, FakeCoach } from '../fakes/providers.ts';
import { desktop, startServer, type RunningServer } from './harness.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer({ config: { asr: { engine: 'none' }, ingest: { maxFrameBytes: 64 * 1024 } }, providers: { analyzer: new FakeAnalyzer(), coach: new FakeCoach() } }) });
afterAll(async () => { await server?.close() });

/** Opens a stream, sends the messages in order, and returns the error message and the close code. */
async function exchange(messages: Array<string | Uint8Array>): Promise<{ code: number; error: any }> {
  const ws = new WebSocket(`${server.wsUrl}/v1/stream`);
  const got: string[] = [];
  ws.on('message', (m) => got.push(m.toString()));
  const closed = new Promise<number>((r) => ws.on('close', (c) => r(c)));
  await new Promise((r) => ws.once('open', r));
  for (const m of messages) ws.send(m);
  const code = await closed;
  const error = got.map((g) => JSON.parse(g)).find((m) => m.type === 'error');
  return { code, error };
}

const start = (o: Record<string, unknown> = {}) => JSON.stringify({ callId: `bad-${Math.random()}`, agentId: 'a', encoding: 'pcm16', sampleRate: 16000, channels: 1, channelMap: ['customer'], ...o });

describe('bad input on /v1/stream', () => {
  it('audio before the start message', async () => {
    const r = await exchange([new Uint8Array(640)]);
    expect(r.error.code).toMatch(/AUDIO_BEFORE_START|BAD_START/);
    expect(r.code).toBe(1008);
  });
  it('a start message that is not JSON', async () => {
    const r = await exchange(['{callId: nope']);
    expect(r.error).toMatchObject({ type: 'error', code: 'BAD_START' });
    expect(r.code).toBe(1008);
  });
  it('a start message missing fields names them', async () => {
    const r = await exchange([JSON.stringify({ encoding: 'pcm16' })]);
    expect(r.error.code).toBe('BAD_START');
    expect(r.error.message).toMatch(/callId/);
  });
  it('an unsupported encoding', async () => {
    const r = await exchange([start({ encoding: 'opus' })]);
    expect(r.error.code).toBe('UNSUPPORTED_ENCODING');
    expect(r.code).toBe(1003);
  });
  it('a sample rate outside 8-48 kHz', async () => {
    const r = await exchange([start({ sampleRate: 96000 })]);
    expect(r.error.code).toBe('UNSUPPORTED_RATE');
    expect(r.code).toBe(1003);
  });
  it('a channel map that does not match the channel count', async () => {
    const r = await exchange([start({ channels: 2, channelMap: ['customer'] })]);
    expect(r.error.code).toBe('BAD_START');
  });
  it('a frame over the size limit closes with 1009', async () => {
    const r = await exchange([start(), new Uint8Array(200 * 1024)]);
    expect(r.code).toBe(1009);
  });
  it('a torn PCM16 frame is refused, and the audio before it is kept: the call ends properly', async () => {
    const callId = 'bad-torn-frame';
    const d = desktop(server.wsUrl, 'agent-bad');
    await d.opened;
    const tone = new Int16Array(16000 * 2); // 2 s of a 300 Hz tone at 16 kHz
    for (let i = 0; i < tone.length; i++) tone[i] = Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / 16000));
    const bytes = new Uint8Array(tone.buffer);
    const frames: Array<string | Uint8Array> = [start({ callId, agentId: 'agent-bad' })];
    for (let off = 0; off < bytes.length; off += 640) frames.push(bytes.subarray(off, off + 640));
    frames.push(new Uint8Array(641));
    const r = await exchange(frames);
    expect(r.error).toMatchObject({ code: 'BAD_AUDIO_FRAME' });
    expect(r.code).toBe(1007);
    const events = await d.untilEnded(callId, 30_000);
    d.close();
    const ended = events.find((e) => e.type === 'call.ended') as any;
    expect(ended.summary.durationS).toBeGreaterThan(1.9);
  });
  it('a second stream with the id of a live call is refused; the first goes on', async () => {
    const callId = 'bad-dup';
    const first = new WebSocket(`${server.wsUrl}/v1/stream`);
    await new Promise((r) => first.once('open', r));
    first.send(start({ callId }));
    await new Promise((r) => setTimeout(r, 100));
    const r = await exchange([start({ callId })]);
    expect(r.error.code).toBe('DUPLICATE_CALL');
    expect(first.readyState).toBe(WebSocket.OPEN);
    first.close();
  });
  it('the server is still healthy after all of it', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
