// Issues 5 and 6 end to end: fixture calls streamed over /v1/stream through the real server with its default
// engines (VAD, speech engine chosen by `auto`, the embedded sentiment/emotion model, the default rule pack);
// the desktop receives the analysis and the prompts each scenario calls for, and none it should not get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';
import { analysisOfTurn, runFixture } from './run-fixture.ts';

let server: RunningServer;
// Streamed faster than real time, and with other tests on the machine: the live overload policy (utterances to
// the embedded engine when PocketSphinx lags) is off so the prompts rest on the configured engine's transcripts.
// test/integration/overflow.test.ts covers the policy.
beforeAll(async () => { server = await startServer({ config: { asr: { overflowEngine: 'none' } } }) }, 300_000);
afterAll(async () => { await server?.close() });

/** What a failing assertion shows: the unexpected prompt's title and evidence (the redacted words it fired on). */
const explain = (prompts: any[], rule: string): string =>
  JSON.stringify(prompts.filter((p) => p.rule === rule).map((p) => [p.title, p.evidence?.quote]));

/** Real-time pace is what a bridge sends; 2x keeps the suite short and stays inside every engine's capacity. */
const SPEED = 2;

describe('analysis on the desktop', () => {
  it('angry turn: negative with anger or frustration', async () => {
    const { truth, events } = await runFixture(server, 'angry-billing', SPEED, 'pipe');
    const hits = [/really angry/, /ridiculous/, /fed up/].map((re) => analysisOfTurn(events, truth, re)).filter((h) => h?.analysis);
    expect(hits.length).toBeGreaterThan(0);
    const angry = hits.filter((h) => h!.analysis.sentiment.label === 'negative' && ['anger', 'frustration'].includes(h!.analysis.emotion.label));
    expect(angry.length, JSON.stringify(hits.map((h) => [h!.final.text, h!.analysis.sentiment, h!.analysis.emotion]))).toBeGreaterThan(0);
    const prompts = events.filter((e) => e.type === 'prompt').map((p) => p.rule);
    for (const rule of truth.expect.prompts) expect(prompts, `expected ${rule}`).toContain(rule);
    for (const rule of truth.expect.noPrompts) expect(prompts, `unexpected ${rule}: ${explain(events.filter((e) => e.type === 'prompt'), rule)}`).not.toContain(rule);
  }, 300_000);

  it('thank-you turn: positive', async () => {
    const { truth, events } = await runFixture(server, 'calm', SPEED, 'pipe');
    const hits = [/perfect. Thank you very much/, /really helpful/, /Thank you for your help/].map((re) => analysisOfTurn(events, truth, re)).filter((h) => h?.analysis);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h!.analysis.sentiment.label === 'positive'), JSON.stringify(hits.map((h) => [h!.final.text, h!.analysis.sentiment]))).toBe(true);
    const prompts = events.filter((e) => e.type === 'prompt').map((p) => p.rule);
    for (const rule of truth.expect.noPrompts) expect(prompts, `unexpected ${rule} on the calm call: ${explain(events.filter((e) => e.type === 'prompt'), rule)}`).not.toContain(rule);
  }, 300_000);

  it('bereavement turn: carries the life event, then the cold reply is flagged', async () => {
    const { truth, events } = await runFixture(server, 'bereavement-cold', SPEED, 'pipe');
    const hit = analysisOfTurn(events, truth, /passed away/);
    expect(hit?.analysis?.lifeEvents?.map((l: any) => l.name), hit?.final?.text).toContain('bereavement');
    const prompts = events.filter((e) => e.type === 'prompt').map((p) => p.rule);
    expect(prompts).toContain('empathy-moment');
    expect(prompts).toContain('empathy-missed');
    expect(prompts.indexOf('empathy-moment')).toBeLessThan(prompts.indexOf('empathy-missed'));
  }, 300_000);
});

describe.each(['overtalk', 'no-disclosure', 'knowledge-question', 'card-number'])('prompts of the %s call', (name) => {
  it('reach the desktop, and only those', async () => {
    const { truth, events } = await runFixture(server, name, SPEED, 'pipe');
    const prompts = events.filter((e) => e.type === 'prompt');
    const rules = prompts.map((p) => p.rule);
    for (const rule of truth.expect.prompts) expect(rules, `expected ${rule}`).toContain(rule);
    for (const rule of truth.expect.noPrompts) expect(rules, `unexpected ${rule}: ${explain(prompts, rule)}`).not.toContain(rule);
    if (name === 'card-number') {
      const finals = events.filter((e) => e.type === 'transcript').map((e) => e.text).join(' ');
      expect(finals).not.toMatch(/\b\d{4}\s?\d{4}\s?\d{4}/);
    }
    for (const p of prompts) expect(p.latencyMs).toBeGreaterThanOrEqual(0);
  }, 300_000);
});
