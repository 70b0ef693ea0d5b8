// A process killed (SIGKILL) in the middle of a call keeps every event its store had accepted before the kill:
// a child writes events and reports each one, the test kills it, reopens the store and reads them all back.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { postgresBinDir, startPostgres } from './pg-server.ts';

const writer = new URL('./crash-writer.ts', import.meta.url).pathname;

/** Runs the writer until it has reported `atLeast` events, SIGKILLs it, and returns the last event it reported. */
function writeThenKill(target: string, callId: string, atLeast: number): Promise<{ lastAcked: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, target, callId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAcked = -1, buf = '', stderr = '';
    child.stderr.on('data', (d) => { stderr += d });
    child.stdout.on('data', (d) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) lastAcked = Number(l);
      if (lastAcked >= atLeast && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ lastAcked, signal }) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

const backends: Array<{ name: string; setup: () => { target: string; done: () => void } }> = [
  { name: 'sqlite', setup: () => { const dir = mkdtempSync(join(tmpdir(), 'crash-')); return { target: join(dir, 'calls.db'), done: () => rmSync(dir, { recursive: true, force: true }) } } },
];
if (postgresBinDir()) backends.push({ name: 'postgres', setup: () => { const pg = startPostgres(); return { target: pg.url, done: () => pg.stop() } } });
else console.warn('store crash test: PostgreSQL is not installed (Debian package postgresql); only SQLite is tested');

describe.each(backends)('$name store killed mid-call', ({ setup }) => {
  it('keeps every event accepted before SIGKILL, in order, and the call stays open (no call.ended)', async () => {
    const { target, done } = setup();
    try {
      const { lastAcked, signal } = await writeThenKill(target, 'killed-call', 400);
      expect(signal).toBe('SIGKILL');
      expect(lastAcked).toBeGreaterThanOrEqual(400);
      const store = await openStore(target.startsWith('postgres') ? { url: target } : { sqlitePath: target });
      try {
        const events = await store.getCallEvents('killed-call');
        console.info(`${target.startsWith('postgres') ? 'postgres' : 'sqlite'}: ${lastAcked + 1} events accepted before SIGKILL, ${events.length} read back`);
        // the events table numbers every event in publish order: a gap-free prefix of what was written
        expect(events.length).toBeGreaterThanOrEqual(lastAcked + 1);
        expect(events[0].type).toBe('call.started');
        const texts = events.filter((e) => e.type === 'transcript').map((e) => (e as { text: string }).text);
        const expected = Array.from({ length: lastAcked + 1 }, (_, i) => i).filter((i) => i % 3 === 1).map((i) => `utterance number ${i}`);
        expect(texts.slice(0, expected.length)).toEqual(expected);
        const call = await store.getCall('killed-call');
        expect(call).toMatchObject({ callId: 'killed-call', customerId: 'cust-k', endedAt: null });
      } finally { await store.close() }
    } finally { done() }
  }, 60_000);
});
