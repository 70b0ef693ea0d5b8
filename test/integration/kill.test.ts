// Durability: the server process is killed (SIGKILL) in the middle of a streamed call; after it, the store
// holds every utterance whose final the desktop had received before the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openStore } from '../../src/store/index.ts';
import { readWavBytes } from '../helpers/wav-bytes.ts';
import { desktop } from './harness.ts';

const freePort = () => new Promise<number>((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)) }) });

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try { if ((await fetch(`${url}/healthz`)).ok) return } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

const dir = mkdtempSync(join(tmpdir(), 'kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGKILL mid-call', () => {
  it('keeps every utterance finalized before the kill', async () => {
    const port = await freePort();
    const db = join(dir, 'calls.db');
    const child = spawn(process.execPath, ['bin/agent-assist.mjs', 'serve'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AGENT_ASSIST_STORE_SQLITE_PATH: db, AGENT_ASSIST_LOG_LEVEL: 'warn', AGENT_ASSIST_INGEST_AUDIO_SOCKET_ENABLED: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await waitHealthy(`http://127.0.0.1:${port}`, child);
      const wsUrl = `ws://127.0.0.1:${port}`;
      const d = desktop(wsUrl, 'kill-agent');
      await d.opened;
      const wav = readWavBytes('fixtures/calls/angry-billing.wav');
      const ws = new WebSocket(`${wsUrl}/v1/stream`);
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ callId: 'kill-1', agentId: 'kill-agent', customerId: 'cust-kill', encoding: wav.encoding, sampleRate: wav.sampleRate, channels: 2, channelMap: ['customer', 'agent'] }));
      const bytesPerFrame = 160 * 2; // 20 ms of 8 kHz stereo mu-law
      // stream at 4x real time until at least three finals have reached the desktop, then kill the server
      for (let off = 0; off < wav.data.byteLength; off += bytesPerFrame) {
        ws.send(wav.data.subarray(off, off + bytesPerFrame));
        await new Promise((r) => setTimeout(r, 5));
        if (d.events.filter((e) => e.type === 'transcript' && e.final).length >= 3) break;
      }
      const finals = d.events.filter((e: any) => e.type === 'transcript' && e.final) as any[];
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      ws.terminate(); d.close();
      expect(finals.length).toBeGreaterThanOrEqual(3);

      const store = await openStore({ sqlitePath: db });
      const call = await store.getCall('kill-1');
      expect(call).toMatchObject({ callId: 'kill-1', customerId: 'cust-kill', endedAt: null });
      const stored = (await store.getCallEvents('kill-1')).filter((e: any) => e.type === 'transcript') as any[];
      for (const f of finals) expect(stored.find((s) => s.utteranceId === f.utteranceId)?.text).toBe(f.text);
      await store.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 300_000);
});
