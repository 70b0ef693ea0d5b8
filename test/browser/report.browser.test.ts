// A generated call report opened in Chromium: the sentiment plot and the transcript are rendered, offline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderCallReport } from '../../src/report/call-report.ts';
import type { AssistEvent } from '../../src/events.ts';
import { hasChromium, launch } from './chromium.ts';

const callId = 'report-1';
const events: AssistEvent[] = [
  { type: 'call.started', callId, agentId: 'agent-7', customerId: 'cust-3', source: 'replay', at: 0 },
  { type: 'transcript', callId, channel: 'agent', utteranceId: 'u1', text: 'thank you for calling how can i help', final: true, start: 0.5, end: 2.5 },
  { type: 'analysis', callId, channel: 'agent', utteranceId: 'u1', sentiment: { label: 'positive', score: 0.4 }, emotion: { label: 'neutral', score: 0.8 } },
  { type: 'transcript', callId, channel: 'customer', utteranceId: 'u2', text: 'i have been charged twice and i am really angry', final: true, start: 3, end: 6 },
  { type: 'analysis', callId, channel: 'customer', utteranceId: 'u2', sentiment: { label: 'negative', score: -0.8 }, emotion: { label: 'anger', score: 0.9 } },
  { type: 'prompt', callId, promptId: 'p1', rule: 'customer-anger', severity: 'urgent', title: 'Customer is angry', body: 'Acknowledge and de-escalate', evidence: { utteranceId: 'u2', quote: 'really angry' }, t: 6.2, latencyMs: 210 },
  { type: 'transcript', callId, channel: 'customer', utteranceId: 'u3', text: 'ok thank you that helps', final: true, start: 20, end: 22 },
  { type: 'analysis', callId, channel: 'customer', utteranceId: 'u3', sentiment: { label: 'positive', score: 0.6 }, emotion: { label: 'gratitude', score: 0.8 } },
  { type: 'metrics', callId, t: 25, talkRatio: { agent: 0.4, customer: 0.6 }, silenceS: 12, overtalkS: 0.5, agentWpm: 150, sentimentTrend: { agent: 0.4, customer: 0 } },
  { type: 'call.ended', callId, t: 25, summary: { durationS: 25, talkRatio: { agent: 0.4, customer: 0.6 }, silenceS: 12, overtalkS: 0.5, utterances: 3, prompts: { 'customer-anger': 1 }, sentiment: { customerStart: -0.8, customerEnd: -0.1, agentMean: 0.4 } } },
];

describe.skipIf(!hasChromium)('call report in Chromium', () => {
  let browser: Browser, dir: string;
  beforeAll(async () => { browser = await launch(); dir = mkdtempSync(join(tmpdir(), 'report-')) });
  afterAll(async () => { await browser?.close(); rmSync(dir, { recursive: true, force: true }) });

  it('renders the sentiment plot with prompt markers, the bars and the transcript, with no network', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderCallReport(events));
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()) });
    await page.goto(`file://${file}`);
    expect(await page.title()).toBe(`Call ${callId}`);
    const customerPath = page.locator('svg.chart path.series[data-series="customer"]');
    expect(await customerPath.count()).toBe(1);
    expect((await customerPath.getAttribute('d'))!.split('L').length).toBe(2); // two customer points
    const box = await page.locator('svg.chart').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await page.locator('svg.chart g.marker').count()).toBe(1);
    expect(await page.locator('rect.bar[data-part="silence"]').count()).toBe(1);
    const lines = await page.locator('table.transcript tr.line').allTextContents();
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('charged twice');
    expect(lines[1]).toContain('customer');
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(dir, 'report.png') });
  }, 60_000);
});
if (!hasChromium) console.warn('browser tests skipped: /usr/bin/chromium is not installed (Debian package chromium; setup-system.sh installs it)');
