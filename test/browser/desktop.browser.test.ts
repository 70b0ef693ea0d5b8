// The agent desktop page in Chromium against the real server: it shows the live transcript, the customer's
// mood, prompts and history as events arrive on its socket, and the agent's "Got it" reaches the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../integration/harness.ts';
import { openStore } from '../../src/store/index.ts';
import { hasChromium, launch } from './chromium.ts';

describe.skipIf(!hasChromium)('agent desktop page', () => {
  let browser: Browser, server: RunningServer, dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-'));
    server = await startServer({ store: await openStore({ sqlitePath: join(dir, 'calls.db') }), config: { asr: { engine: 'none' } } });
    browser = await launch();
  });
  afterAll(async () => { await browser?.close(); await server?.close(); rmSync(dir, { recursive: true, force: true }) });

  it('shows a call as it happens and sends prompt feedback', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/desktop?agentId=agent-web`);
    await page.locator('#status', { hasText: 'connected' }).waitFor();
    const sink = server.app.sink, callId = 'web-1';
    sink.publish({ type: 'call.started', callId, agentId: 'agent-web', customerId: 'c-1', source: 'raw', at: Date.now() });
    sink.publish({ type: 'history', callId, customerId: 'c-1', calls: [{ callId: 'old', startedAt: Date.now() - 86_400_000, durationS: 240, reason: 'escalation.complaint', outcome: 'refund issued', sentiment: -0.4 }] });
    sink.publish({ type: 'transcript', callId, channel: 'customer', utteranceId: 'u1', text: 'my husband passed', final: false, start: 1, end: 2 });
    sink.publish({ type: 'transcript', callId, channel: 'customer', utteranceId: 'u1', text: 'my husband passed away last month', final: true, start: 1, end: 3 });
    sink.publish({ type: 'analysis', callId, channel: 'customer', utteranceId: 'u1', sentiment: { label: 'negative', score: -0.6 }, emotion: { label: 'sadness', score: 0.8 }, lifeEvents: [{ name: 'bereavement', quote: 'passed away' }] });
    sink.publish({ type: 'prompt', callId, promptId: `${callId}-p1`, rule: 'empathy-moment', severity: 'warn', title: 'Acknowledge the bereavement', body: 'Offer condolences before the account details.', evidence: { utteranceId: 'u1', quote: 'passed away' }, t: 3.1, latencyMs: 150 });
    // another agent's call must not show
    sink.publish({ type: 'call.started', callId: 'other', agentId: 'agent-other', source: 'raw', at: Date.now() });
    sink.publish({ type: 'transcript', callId: 'other', channel: 'customer', utteranceId: 'x1', text: 'secret other call', final: true, start: 0, end: 1 });

    await page.locator('.line.customer .text', { hasText: 'my husband passed away last month' }).waitFor();
    expect(await page.locator('.line').count()).toBe(1); // the partial was replaced by its final
    expect(await page.locator('#moodlabel').textContent()).toContain('sadness');
    expect(await page.locator('#history li').first().textContent()).toContain('refund issued');
    const prompt = page.locator('.prompt[data-rule="empathy-moment"]');
    await expect.poll(() => prompt.locator('.title').textContent()).toBe('Acknowledge the bereavement');
    expect(await page.content()).not.toContain('secret other call');

    await prompt.locator('button[data-a="ack"]').click();
    await expect.poll(() => prompt.getAttribute('class')).toContain('done');
    await expect.poll(async () => (await server.app.store!.getCallEvents(callId)).some((e) => e.type === 'feedback' && e.action === 'ack' && e.promptId === `${callId}-p1`), { timeout: 5000 }).toBe(true);
  }, 60_000);
});
