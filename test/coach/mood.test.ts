import { describe, expect, it } from 'vitest';
import { CallScript, coachFor } from './script.ts';

const supervisor = (quote = 'let me speak to your supervisor') => [{ name: 'escalation.supervisor', quote, score: 0.9 }];

describe('escalation-risk', () => {
  it('fires on a customer escalation intent, with the quote as evidence, timed from the end of the speech', () => {
    const s = new CallScript();
    const id = s.customer(10, 13, 'this is ridiculous let me speak to your supervisor', { sentiment: -0.6, intents: supervisor() });
    const prompts = s.run(coachFor(['escalation-risk']), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'escalation-risk', severity: 'urgent', triggerT: 13,
      evidence: { utteranceId: id, quote: 'let me speak to your supervisor' } });
    expect(prompts[0].title).toContain('asked for a supervisor');
    // Fires as the analysis arrives (0.5 s after the speech ends), at the call time then reached.
    expect(prompts[0].t).toBeGreaterThanOrEqual(13);
    expect(prompts[0].t).toBeLessThan(14);
  });

  it('ignores the agent saying the same words, questions, and weak intents', () => {
    const s = new CallScript();
    const a = s.say('agent', 5, 8, 'i can get my supervisor if you like');
    s.analyse(a, { intents: supervisor('get my supervisor') });
    s.customer(10, 12, 'how do i pay my bill', { intents: [{ name: 'question', quote: 'how do i pay my bill' }] });
    s.customer(14, 16, 'maybe i should complain', { intents: [{ name: 'escalation.complaint', quote: 'complain', score: 0.3 }] });
    expect(s.run(coachFor(['escalation-risk']), 20)).toEqual([]);
  });

  it('respects its cooldown and says the same escalation only once per call', () => {
    const s = new CallScript();
    s.customer(10, 12, 'get me a manager', { intents: supervisor('get me a manager') });
    s.customer(20, 22, 'i am cancelling my contract', { intents: [{ name: 'escalation.cancel', quote: 'cancelling my contract', score: 0.9 }] });
    s.customer(80, 82, 'i will report you to the ombudsman', { intents: [{ name: 'escalation.complaint', quote: 'report you to the ombudsman', score: 0.9 }] });
    s.customer(150, 152, 'i asked for a manager', { intents: supervisor('asked for a manager') });
    const prompts = s.run(coachFor(['escalation-risk']), 160);
    // 20 s: inside the 60 s cooldown; 80 s: a new kind (complaint); 150 s: supervisor again, already prompted.
    expect(prompts.map((p) => [p.triggerT, p.title])).toEqual([
      [12, 'Escalation risk: customer asked for a supervisor'],
      [82, 'Escalation risk: customer wants to complain'],
    ]);
  });
});

describe('customer-anger', () => {
  it('fires on anger or frustration above the threshold', () => {
    const s = new CallScript();
    const id = s.customer(10, 14, 'this is the third time your engineer has not turned up', { sentiment: -0.7, emotion: 'anger', emotionScore: 0.85 });
    const prompts = s.run(coachFor(['customer-anger']), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'customer-anger', severity: 'warn', triggerT: 14, evidence: { utteranceId: id } });
    expect(prompts[0].title).toContain('anger');
  });

  it('fires on a sharp sentiment drop without an angry label', () => {
    const s = new CallScript();
    s.customer(5, 7, 'thanks that is great', { sentiment: 0.6 });
    s.customer(10, 13, 'wait you are charging me what', { sentiment: -0.5, emotion: 'confusion' });
    const prompts = s.run(coachFor(['customer-anger']), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0].title).toContain('sharp drop');
  });

  it('does not call a worried question or grief a sharp drop into anger', () => {
    for (const emotion of ['anxiety', 'sadness'] as const) {
      const s = new CallScript();
      s.customer(5, 7, 'that would be great thanks', { sentiment: 0.9, emotion: 'gratitude' });
      s.customer(10, 13, 'and what happens if i pay late', { sentiment: -0.8, emotion, emotionScore: 0.5 });
      expect(s.run(coachFor(['customer-anger']), 20), emotion).toEqual([]);
    }
  });

  it('stays quiet for mild frustration, sadness, or the agent', () => {
    const s = new CallScript();
    s.customer(5, 7, 'it is a bit annoying', { sentiment: -0.3, emotion: 'frustration', emotionScore: 0.45 });
    s.customer(10, 12, 'my mum died last month', { sentiment: -0.6, emotion: 'sadness', emotionScore: 0.9 });
    const a = s.say('agent', 13, 15, 'i am annoyed with the system too');
    s.analyse(a, { sentiment: -0.6, emotion: 'anger', emotionScore: 0.9 });
    expect(s.run(coachFor(['customer-anger']), 20)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    for (const at of [10, 30, 50, 75]) s.customer(at, at + 3, `still angry at ${at}`, { sentiment: -0.8, emotion: 'anger', emotionScore: 0.9 });
    const prompts = s.run(coachFor(['customer-anger']), 90);
    expect(prompts.map((p) => p.triggerT)).toEqual([13, 78]);
  });
});

describe('negative-trend', () => {
  it('fires once the last three customer turns are negative', () => {
    const s = new CallScript();
    s.customer(5, 7, 'hi there', { sentiment: 0.1 });
    s.customer(10, 13, 'the internet keeps dropping', { sentiment: -0.4 });
    s.customer(16, 19, 'i have tried restarting it', { sentiment: -0.35 });
    const third = s.customer(22, 25, 'nothing works and i work from home', { sentiment: -0.6 });
    const prompts = s.run(coachFor(['negative-trend']), 30);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'negative-trend', triggerT: 25, evidence: { utteranceId: third } });
  });

  it('stays quiet when one negative turn sits among neutral ones', () => {
    const s = new CallScript();
    s.customer(5, 7, 'ok', { sentiment: 0 });
    s.customer(10, 13, 'that is terrible', { sentiment: -0.9 });
    s.customer(16, 19, 'fine go on', { sentiment: 0.05 });
    s.customer(22, 25, 'right', { sentiment: 0.1 });
    expect(s.run(coachFor(['negative-trend']), 30)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    for (let k = 0; k < 12; k++) s.customer(5 + k * 15, 8 + k * 15, `turn ${k} still broken`, { sentiment: -0.6 });
    const prompts = s.run(coachFor(['negative-trend']), 190);
    // Negative from the 3rd turn (38 s) on; next allowed 120 s later: the turn that ends at 158 s.
    expect(prompts.map((p) => p.triggerT)).toEqual([38, 158]);
  });
});
