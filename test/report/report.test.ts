// The call report (one offline HTML file) and the batch summary (CSV + HTML), from a call's events.
import { describe, expect, it } from 'vitest';
import type { AssistEvent } from '../../src/events.ts';
import { batchCsv, batchHtml } from '../../src/report/batch.ts';
import { digest, renderCallReport, type CallDigest } from '../../src/report/call-report.ts';

const callId = 'rep-1';
const events: AssistEvent[] = [
  { type: 'call.started', callId, agentId: 'agent-7', customerId: 'cust-3', source: 'replay', at: 1_700_000_000_000 },
  { type: 'vad', callId, channel: 'agent', state: 'speech', t: 0.5 },
  { type: 'transcript', callId, channel: 'agent', utteranceId: 'u1', text: 'thank', final: false, start: 0.5, end: 1 },
  { type: 'transcript', callId, channel: 'agent', utteranceId: 'u1', text: 'thank you for calling how can i help', final: true, start: 0.5, end: 2.5 },
  { type: 'analysis', callId, channel: 'agent', utteranceId: 'u1', sentiment: { label: 'positive', score: 0.4 }, emotion: { label: 'neutral', score: 0.8 } },
  { type: 'transcript', callId, channel: 'customer', utteranceId: 'u2', text: 'you charged me twice <b>again</b> & "again"', final: true, start: 3, end: 6 },
  { type: 'analysis', callId, channel: 'customer', utteranceId: 'u2', sentiment: { label: 'negative', score: -0.8 }, emotion: { label: 'anger', score: 0.9 } },
  { type: 'prompt', callId, promptId: 'p1', rule: 'customer-anger', severity: 'urgent', title: 'Customer is angry', body: 'Acknowledge', evidence: { utteranceId: 'u2', quote: 'charged me twice' }, t: 6.25, latencyMs: 210 },
  { type: 'transcript', callId, channel: 'customer', utteranceId: 'u3', text: 'my card is [CARD]', final: true, start: 10, end: 12 },
  { type: 'analysis', callId, channel: 'customer', utteranceId: 'u3', sentiment: { label: 'neutral', score: -0.2 }, emotion: { label: 'neutral', score: 0.6 } },
  { type: 'prompt', callId, promptId: 'p2', rule: 'dead-air', severity: 'info', title: 'Long silence', body: 'Say what you are doing', evidence: {}, t: 15, latencyMs: 40 },
  { type: 'transcript', callId, channel: 'customer', utteranceId: 'u4', text: 'ok thank you that helps', final: true, start: 20, end: 22 },
  { type: 'analysis', callId, channel: 'customer', utteranceId: 'u4', sentiment: { label: 'positive', score: 0.6 }, emotion: { label: 'gratitude', score: 0.8 } },
  { type: 'metrics', callId, t: 24, talkRatio: { agent: 0.3, customer: 0.7 }, silenceS: 11, overtalkS: 0.5, agentWpm: 152, sentimentTrend: { agent: 0.4, customer: 0.2 } },
  { type: 'call.ended', callId, t: 25, summary: { durationS: 25, talkRatio: { agent: 0.4, customer: 0.6 }, silenceS: 12, overtalkS: 0.5, utterances: 4, prompts: { 'customer-anger': 1, 'dead-air': 1 }, sentiment: { customerStart: -0.8, customerEnd: 0.6, agentMean: 0.4 } } },
];

describe('digest', () => {
  it('takes duration, silence, overtalk and talk ratio from call.ended, pace from the last metrics', () => {
    const d = digest(events);
    expect(d).toMatchObject({ callId, agentId: 'agent-7', customerId: 'cust-3', durationS: 25, silenceS: 12, overtalkS: 0.5, agentWpm: 152, utterances: 4 });
    // talk time = duration - silence + overtalk = 13.5 s, split 40/60
    expect(d.talkS.agent).toBeCloseTo(5.4, 6);
    expect(d.talkS.customer).toBeCloseTo(8.1, 6);
    expect(d.prompts).toEqual({ 'customer-anger': 1, 'dead-air': 1 });
    // the call's own summary wins, so the report agrees with the stored record
    expect(d.sentiment).toEqual({ customerStart: -0.8, customerEnd: 0.6 });
  });

  it('a call killed before call.ended falls back to its last metrics', () => {
    const d = digest(events.filter((e) => e.type !== 'call.ended'));
    expect(d).toMatchObject({ durationS: 24, silenceS: 11, overtalkS: 0.5 });
    expect(d.talkS.agent).toBeCloseTo(0.3 * 13.5, 6);
  });
});

describe('renderCallReport', () => {
  const html = renderCallReport(events);

  it('is one self-contained HTML document: inline CSS and SVG, no script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html.match(/https?:\/\/[^"\s]*/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']); // SVG namespaces only
    expect(html).toContain(`<title>Call ${callId}</title>`);
  });

  it('the transcript: final utterances only, in time order, by speaker with mm:ss times and emotion', () => {
    const lines = [...html.matchAll(/<tr class="line (agent|customer)"><td class="t">([\d:]+)<\/td><td class="who">\w+<\/td><td class="text">(.*?)<\/td><td class="t">(.*?)<\/td><\/tr>/g)]
      .map((m) => ({ who: m[1], at: m[2], text: m[3], mood: m[4] }));
    expect(lines).toEqual([
      { who: 'agent', at: '0:01', text: 'thank you for calling how can i help', mood: 'neutral 0.40' },
      { who: 'customer', at: '0:03', text: 'you charged me twice &lt;b&gt;again&lt;/b&gt; &amp; &quot;again&quot;', mood: 'anger -0.80' },
      { who: 'customer', at: '0:10', text: 'my card is [CARD]', mood: 'neutral -0.20' },
      { who: 'customer', at: '0:20', text: 'ok thank you that helps', mood: 'gratitude 0.60' },
    ]);
    expect(html).not.toContain('<b>again</b>'); // transcript text is escaped, never markup
  });

  it('plots each party\'s sentiment as an SVG path, one point per analysed utterance at its end time', () => {
    const path = (who: string) => html.match(new RegExp(`<path class="series" data-series="${who}" d="([^"]+)"`))?.[1];
    const customer = path('customer')!.split(/(?=[ML])/).map((p) => p.slice(1).split(',').map(Number));
    expect(customer).toHaveLength(3);
    // x = 40 + t / 25 s * 810 px; y = 12 + (1 - score) / 2 * 200 px
    expect(customer[0][0]).toBeCloseTo(40 + (6 / 25) * 810, 1);
    expect(customer[0][1]).toBeCloseTo(12 + (1.8 / 2) * 200, 1);
    expect(customer[2][1]).toBeCloseTo(12 + (0.4 / 2) * 200, 1);
    expect(customer[0][1]).toBeGreaterThan(customer[2][1]); // the angry start is drawn lower than the grateful end
    expect(path('agent')!.split('L')).toHaveLength(1);
  });

  it('marks where each prompt fired on the plot, and lists the prompts with latency', () => {
    const markers = [...html.matchAll(/<g class="marker"><line x1="([\d.]+)"[^>]*stroke="(#\w+)"[^>]*\/><title>(.*?)<\/title><\/g>/g)];
    expect(markers.map((m) => [Number(m[1]), m[2], m[3]])).toEqual([
      [40 + (6.25 / 25) * 810, '#da1e28', 'customer-anger: Customer is angry at 0:06'],
      [40 + (15 / 25) * 810, '#f1c21b', 'dead-air: Long silence at 0:15'],
    ]);
    expect(html).toMatch(/<td class="prompt">customer-anger<\/td><td>Customer is angry<\/td><td>charged me twice<\/td><td class="t">210 ms<\/td>/);
  });

  it('talk / overtalk / silence bars in proportion, and the call\'s metrics', () => {
    const bars = Object.fromEntries([...html.matchAll(/data-part="(\w+)" x="[\d.]+" y="0" width="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]));
    // agent 5.4-0.25, customer 8.1-0.25, overtalk 0.5, silence 12 s of 25.5 s over 860 px
    expect(bars.agent).toBeCloseTo((5.15 / 25.5) * 860, 0);
    expect(bars.customer).toBeCloseTo((7.85 / 25.5) * 860, 0);
    expect(bars.overtalk).toBeCloseTo((0.5 / 25.5) * 860, 0);
    expect(bars.silence).toBeCloseTo((12 / 25.5) * 860, 0);
    for (const [k, v] of [['Agent', 'agent-7'], ['Customer', 'cust-3'], ['Duration', '0:25'], ['Silence', '12.0 s'], ['Overtalk', '0.5 s'], ['Agent pace', '152 wpm'],
      ['Talk (agent / customer)', '5.4 s / 8.1 s'], ['Customer sentiment start / end', '-0.8 / 0.6']]) {
      expect(html).toContain(`<tr><th>${k}</th><td>${v}</td></tr>`);
    }
  });

  it('renders a call with no speech (only call.started) without failing', () => {
    const empty = renderCallReport([{ type: 'call.started', callId: 'quiet', agentId: 'a', source: 'raw', at: 0 }]);
    expect(empty).toContain('<title>Call quiet</title>');
    expect(empty).toContain('No prompts fired.');
    expect(empty).not.toContain('<path class="series"');
    expect(empty).toContain('<table class="transcript"></table>');
    expect(empty).not.toContain('NaN');
  });
});

describe('batch summary', () => {
  const d = digest(events);
  const other: CallDigest = { ...d, callId: 'rep-2', durationS: 61.25, prompts: {}, talkS: { agent: 0, customer: 0 }, sentiment: { customerStart: null, customerEnd: null } };

  it('CSV: one row per call with duration, sentiment start/end, silence, overtalk, agent talk ratio and prompts by rule', () => {
    const lines = batchCsv([{ file: 'a.wav', digest: d }, { file: 'b, "second".wav', digest: other }]).split('\n');
    expect(lines.at(-1)).toBe('');
    const head = lines[0].split(',');
    expect(head).toContain('prompts.customer-anger');
    expect(head).toContain('prompts.dead-air');
    const a = Object.fromEntries(lines[1].split(',').map((v, i) => [head[i], v]));
    expect(a).toMatchObject({ file: 'a.wav', callId, durationS: '25.0', sentimentStart: '-0.8', sentimentEnd: '0.6', silenceS: '12.0', overtalkS: '0.5',
      talkRatioAgent: '0.400', prompts: '2', 'prompts.customer-anger': '1', 'prompts.dead-air': '1', 'prompts.overtalk': '0' });
    // a name with a comma and quotes is quoted; no talk gives an empty ratio; no sentiment gives empty cells
    expect(lines[2].startsWith('"b, ""second"".wav",rep-2,61.3,,,12.0,0.5,,0,')).toBe(true);
  });

  it('HTML: a row per call linking to its report, with escaped names', () => {
    const html = batchHtml([{ file: 'a.wav', digest: d, report: 'a.html' }, { file: '<x>.wav', digest: other }]);
    expect(html).toContain('Replay batch summary (2 calls)');
    expect(html).toContain('<td><a href="a.html">a.wav</a></td><td>0:25</td><td>-0.8</td><td>0.6</td><td>12.0</td><td>0.5</td><td>40%</td><td>customer-anger 1, dead-air 1</td>');
    expect(html).toContain('<td>&lt;x&gt;.wav</td><td>1:01</td><td>–</td><td>–</td>');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
