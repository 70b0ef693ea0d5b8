// Drives the real server over real sockets: a bridge client streaming a WAV file in 20 ms frames and a desktop
// client collecting events, as a telephony bridge and an agent's browser would.
import WebSocket from 'ws';
import { build, type App, type BuildOptions } from '../../src/server/app.ts';
import type { AssistEvent } from '../../src/events.ts';
import { silentLogger } from '../../src/log.ts';
import type { WavData } from '../helpers/wav-bytes.ts';
export { readWavBytes, type WavData } from '../helpers/wav-bytes.ts';

export interface RunningServer { app: App; url: string; wsUrl: string; close(): Promise<void> }

export async function startServer(opts: BuildOptions = {}): Promise<RunningServer> {
  const app = await build({ log: silentLogger, store: null, ...opts, config: { port: 0, host: '127.0.0.1', ...(opts.config ?? {}) } });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.fastify.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, close: () => app.close() };
}

export interface StreamOptions { callId: string; agentId: string; customerId?: string; speed?: number; channelMap?: string[]; frameMs?: number }

/** Streams a WAV as a plain-protocol bridge, paced at `speed` x real time (Infinity: as fast as the socket takes it). */
export async function streamWav(wsUrl: string, wav: WavData, o: StreamOptions): Promise<{ closeCode: number; messages: string[] }> {
  const ws = new WebSocket(`${wsUrl}/v1/stream`);
  const messages: string[] = [];
  ws.on('message', (m) => messages.push(m.toString()));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) });
  ws.send(JSON.stringify({ callId: o.callId, agentId: o.agentId, customerId: o.customerId, encoding: wav.encoding,
    sampleRate: wav.sampleRate, channels: wav.channels, channelMap: o.channelMap ?? (wav.channels === 2 ? ['customer', 'agent'] : ['customer']) }));
  const frameMs = o.frameMs ?? 20;
  const bytesPerFrame = Math.round((wav.sampleRate * frameMs) / 1000) * wav.channels * (wav.encoding === 'pcm16' ? 2 : 1);
  const speed = o.speed ?? 1;
  const t0 = performance.now();
  for (let off = 0, i = 0; off < wav.data.byteLength; off += bytesPerFrame, i++) {
    ws.send(wav.data.subarray(off, Math.min(off + bytesPerFrame, wav.data.byteLength)));
    if (Number.isFinite(speed)) {
      const due = t0 + ((i + 1) * frameMs) / speed;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    } else if (i % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  ws.send(JSON.stringify({ event: 'stop' }));
  // the server closes after stop once the call has drained; don't wait forever
  const timer = setTimeout(() => ws.close(), 120_000);
  const code = await closed;
  clearTimeout(timer);
  return { closeCode: code, messages };
}

/** An agent desktop: collects every event until `call.ended` for callId (or the timeout). */
export function desktop(wsUrl: string, agentId: string) {
  const ws = new WebSocket(`${wsUrl}/v1/desktop?agentId=${encodeURIComponent(agentId)}`);
  const events: Array<AssistEvent & { receivedAt: number }> = [];
  ws.on('message', (m) => events.push({ ...JSON.parse(m.toString()), receivedAt: performance.now() }));
  const opened = new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject) });
  return {
    ws, events, opened,
    async untilEnded(callId: string, timeoutMs = 180_000): Promise<Array<AssistEvent & { receivedAt: number }>> {
      const t0 = Date.now();
      while (!events.some((e) => e.type === 'call.ended' && e.callId === callId)) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`no call.ended for ${callId} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return events.filter((e) => 'callId' in e && e.callId === callId);
    },
    close: () => ws.close(),
  };
}
