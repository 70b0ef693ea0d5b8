import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../src/coach/engine.ts';
import { CALL_ID, CallScript } from './script.ts';

// Whole calls through the full default rule pack and the sample knowledge base.

describe('default rule pack on whole calls', () => {
  it('a calm, well-handled call produces no prompts', async () => {
    const engine = await RuleEngine.load({});
    const s = new CallScript();
    const turns: Array<['agent' | 'customer', string, number]> = [
      ['agent', 'good morning thank you for calling northwind this call may be recorded for quality and training my name is sam', 0.2],
      ['customer', 'hi sam yes i just wanted to update my email address', 0.1],
      ['agent', 'of course i can help with that can i take your full name please', 0.3],
      ['customer', 'yes it is alex morgan', 0],
      ['agent', 'thank you alex and the first line of your address', 0.1],
      ['customer', 'twelve station road', 0],
      ['agent', 'lovely thank you that is all confirmed what is the new email address', 0.2],
      ['customer', 'it is alex dot morgan at example dot com', 0],
      ['agent', 'perfect i have updated that for you you will get a confirmation email shortly', 0.4],
      ['customer', 'great thank you so much', 0.7],
      ['agent', 'you are welcome is there anything else i can help with today', 0.4],
      ['customer', 'no that is everything thanks', 0.5],
      ['agent', 'thank you for calling have a lovely day', 0.6],
    ];
    // 150 words a minute, 0.7 s between turns.
    let t = 0.5;
    for (const [ch, text, score] of turns) {
      const end = t + text.split(' ').length / 2.5;
      const id = s.say(ch, t, end, text, { words: true, partials: true });
      s.analyse(id, { sentiment: score, emotion: score > 0.5 ? 'gratitude' : 'neutral', emotionScore: 0.7 });
      t = end + 0.7;
    }
    s.vadOnly('customer', 16, 16.6); // a short "mm" overlapping the agent
    expect(t).toBeGreaterThan(60);
    expect(s.run(engine.forCall(CALL_ID), t + 2)).toEqual([]);
  });

  it('a difficult call raises the matching prompts, each once, with evidence and trigger times', async () => {
    const engine = await RuleEngine.load({});
    const s = new CallScript();
    s.say('agent', 0.5, 3, 'northwind how can i help');
    const q = s.customer(4, 9, 'my broadband has been down for three days is there an outage in my area', {
      sentiment: -0.5, emotion: 'frustration', emotionScore: 0.7,
      intents: [{ name: 'question', quote: 'is there an outage in my area', score: 0.9 }] });
    s.say('agent', 9.5, 12, 'okay what is the postcode');
    s.say('customer', 12.5, 14, 'ab1 2cd');
    const angry = s.customer(25, 30, 'this is the third time i have called i want to speak to a manager', {
      sentiment: -0.8, emotion: 'anger', emotionScore: 0.9,
      intents: [{ name: 'escalation.supervisor', quote: 'i want to speak to a manager', score: 0.9 },
        { name: 'escalation.repeat-contact', quote: 'the third time i have called', score: 0.8 }] });
    s.say('agent', 30.5, 33, 'okay can i take your card number to pay the bill');
    const card = s.customer(34, 40, 'fine it is [CARD]', { sentiment: -0.5 });
    const prompts = s.run(engine.forCall(CALL_ID), 45);
    const byRule = Object.fromEntries(prompts.map((p) => [p.rule, p]));
    expect(Object.keys(byRule).sort()).toEqual(['customer-anger', 'dead-air', 'disclosure-missing', 'escalation-risk', 'knowledge',
      'negative-trend', 'pii-spoken'].sort());
    expect(prompts).toHaveLength(Object.keys(byRule).length + 0);
    expect(byRule.knowledge).toMatchObject({ title: 'Service outages and how to check one', evidence: { utteranceId: q } });
    expect(byRule['customer-anger'].evidence.utteranceId).toBe(q);
    expect(byRule['escalation-risk']).toMatchObject({ triggerT: 30, evidence: { utteranceId: angry } });
    expect(byRule['dead-air'].triggerT).toBe(24);
    expect(byRule['pii-spoken'].evidence.utteranceId).toBe(card);
    expect(byRule['disclosure-missing'].triggerT).toBe(30);
    for (const p of prompts) {
      expect(p.triggerT).toBeLessThanOrEqual(p.t);
      expect(p.t - p.triggerT, p.rule).toBeLessThan(1);
      expect(p.title.length).toBeGreaterThan(0);
      expect(p.body.length).toBeGreaterThan(0);
    }
  });
});
