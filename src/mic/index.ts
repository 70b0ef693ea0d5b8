import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import WebSocket from 'ws';

export interface MicOptions {
  url: string;
  agentId: string;
  callId?: string;
  /** 'sox' | 'rec' | 'arecord' (through node-record-lpcm16), or a whole command that writes raw PCM16 16 kHz mono to stdout. */
  recorder?: string;
  /** Stop after this many seconds (default: until Ctrl-C). */
  seconds?: number;
  log?: (msg: string) => void;
}

const RATE_HZ = 16000;

async function openRecorder(recorder: string): Promise<{ stream: Readable; stop: () => void }> {
  if (recorder.includes(' ')) {
    const [cmd, ...args] = recorder.split(/\s+/);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    return { stream: child.stdout, stop: () => child.kill('SIGTERM') };
  }
  const { default: record } = await import('node-record-lpcm16');
  const rec = record.record({ sampleRate: RATE_HZ, channels: 1, recorder, audioType: 'raw' });
  return { stream: rec.stream(), stop: () => rec.stop() };
}

/** `agent-assist mic`: the local microphone as a plain-protocol bridge (WS /v1/stream), for demos and trials. */
export async function micCommand(o: MicOptions): Promise<void> {
  const log = o.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const callId = o.callId ?? `mic-${randomUUID()}`;
  const ws = new WebSocket(o.url);
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject) });
  ws.send(JSON.stringify({ callId, agentId: o.agentId, encoding: 'pcm16', sampleRate: RATE_HZ, channels: 1, channelMap: ['customer'] }));
  ws.on('message', (m) => log(`server: ${m.toString()}`));
  const rec = await openRecorder(o.recorder ?? 'sox');
  log(`streaming the microphone as call ${callId} to ${o.url} (Ctrl-C to stop)`);
  let carry: Buffer = Buffer.alloc(0);
  rec.stream.on('data', (chunk: Buffer) => {
    // whole 16-bit samples only: the server refuses a torn frame
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const whole = buf.length - (buf.length % 2);
    if (whole > 0 && ws.readyState === WebSocket.OPEN) ws.send(buf.subarray(0, whole));
    carry = buf.subarray(whole);
  });
  const stop = () => {
    rec.stop();
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ event: 'stop' }));
  };
  process.once('SIGINT', stop);
  const timer = o.seconds ? setTimeout(stop, o.seconds * 1000) : null;
  rec.stream.once('end', stop);
  await new Promise<void>((resolve) => ws.once('close', () => resolve()));
  if (timer) clearTimeout(timer);
  process.removeListener('SIGINT', stop);
  log(`call ${callId} ended`);
}
