// The HTTP API on a real app (SQLite store in a temp folder, real VAD and analysis; no recognizer to stay fast).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type App } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';

let app: App, dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'api-'));
  app = await build({ log: silentLogger, config: { asr: { engine: 'none' }, store: { sqlitePath: join(dir, 'calls.db') } } });
});
afterAll(async () => { await app?.close(); rmSync(dir, { recursive: true, force: true }) });

async function waitEnded(callId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await app.fastify.inject({ url: `/v1/calls/${callId}` });
    if (res.statusCode === 200 && res.json().call.endedAt) return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('replay did not finish');
}

describe('HTTP API', () => {
  it('replays an uploaded WAV, then lists it, returns its events and its report', async () => {
    const wav = readFileSync('fixtures/calls/greeting.wav');
    const res = await app.fastify.inject({ method: 'POST', url: '/v1/replays?customerId=cust-42&agentId=qa', payload: wav, headers: { 'content-type': 'audio/wav' } });
    expect(res.statusCode).toBe(202);
    const { callId } = res.json();
    const got = await waitEnded(callId);
    expect(got.call).toMatchObject({ callId, customerId: 'cust-42', agentId: 'qa', source: 'replay' });
    expect(got.events[0].type).toBe('call.started');
    expect(got.events.at(-1).type).toBe('call.ended');
    const list = await app.fastify.inject({ url: '/v1/calls?customerId=cust-42' });
    expect(list.json().calls.map((c: any) => c.callId)).toContain(callId);
    const report = await app.fastify.inject({ url: `/v1/calls/${callId}/report` });
    expect(report.headers['content-type']).toMatch(/text\/html/);
    expect(report.body).toContain('<svg');
    expect(report.body).not.toMatch(/(src|href)="https?:/);
  });

  it('refuses a file that is not a WAV with a stable code', async () => {
    const res = await app.fastify.inject({ method: 'POST', url: '/v1/replays', payload: Buffer.from('hello'), headers: { 'content-type': 'audio/wav' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('answers 404 with a code for an unknown call', async () => {
    const res = await app.fastify.inject({ url: '/v1/calls/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves the OpenAPI document with the routes', async () => {
    const doc = (await app.fastify.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/calls', '/v1/calls/{id}', '/v1/calls/{id}/report', '/v1/replays']));
  });

  it('serves health, Prometheus metrics and the desktop page', async () => {
    expect((await app.fastify.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
    const m = await app.fastify.inject({ url: '/metrics' });
    expect(m.body).toContain('agent_assist_frames_in_total');
    expect(m.body).toContain('agent_assist_analysis_latency_ms');
    expect((await app.fastify.inject({ url: '/desktop' })).body).toContain('/v1/desktop');
  });
});
