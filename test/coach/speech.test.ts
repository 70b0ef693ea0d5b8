import { describe, expect, it } from 'vitest';
import { CallScript, coachFor, opening } from './script.ts';

describe('pii-spoken', () => {
  it('fires when a final transcript carries a redaction token, quoting the words around it', () => {
    const s = new CallScript();
    const id = s.say('customer', 10, 16, 'yes my card number is [CARD] and it expires next year');
    const prompts = s.run(coachFor(['pii-spoken']), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'pii-spoken', severity: 'urgent', triggerT: 16,
      title: 'Sensitive number spoken: card number', evidence: { utteranceId: id } });
    expect(prompts[0].evidence.quote).toContain('[CARD]');
    expect(prompts[0].t).toBeLessThanOrEqual(16.5);
  });

  it('names the SSN and bank account tokens and ignores the word "card"', () => {
    const s = new CallScript();
    s.say('customer', 5, 8, 'can i pay by card');
    s.say('customer', 10, 13, 'my social is [SSN]');
    expect(s.run(coachFor(['pii-spoken']), 20).map((p) => p.title)).toEqual(['Sensitive number spoken: social security number']);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    s.say('customer', 10, 13, 'it is [CARD]');
    s.say('customer', 20, 23, 'sort code and account [ACCOUNT]'); // inside 30 s
    s.say('customer', 50, 53, 'again [CARD]');
    expect(s.run(coachFor(['pii-spoken']), 60).map((p) => p.triggerT)).toEqual([13, 53]);
  });
});

describe('agent-pace', () => {
  const fast = 'so what we will do today is move your plan to the new tariff and then send you a confirmation text with the details by the end of the day';
  it('fires when the agent speaks above 190 words a minute over the window', () => {
    const s = new CallScript();
    // 30 words in 8 s = 225 wpm (word times spread over the speech).
    s.say('agent', 10, 18, fast, { words: true });
    s.say('agent', 18.5, 22, 'and that is everything', { words: true });
    const prompts = s.run(coachFor(['agent-pace']), 25);
    expect(prompts).toHaveLength(1);
    expect(prompts[0].rule).toBe('agent-pace');
    expect(prompts[0].title).toMatch(/^Slow down: 2\d\d words a minute$/);
    expect(prompts[0].triggerT).toBe(18);
  });

  it('stays quiet at a normal pace, for a short fast burst, and for the customer', () => {
    const s = new CallScript();
    s.say('agent', 10, 21, fast, { words: true });                  // 164 wpm
    s.say('agent', 30, 31, 'okay thank you so much bye', { words: true }); // fast but 6 words
    s.say('customer', 40, 45, fast, { words: true });
    expect(s.run(coachFor(['agent-pace']), 50)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    // (Different words each time: an identical prompt would be dropped as a duplicate.)
    for (const at of [10, 40, 110]) s.say('agent', at, at + 8, `${fast} ref ${at}`, { words: true });
    expect(s.run(coachFor(['agent-pace']), 120).map((p) => p.triggerT)).toEqual([18, 118]);
  });
});

describe('disclosure-missing', () => {
  it('fires at 30 s when the agent has not given the recording disclosure', () => {
    const s = new CallScript();
    s.say('agent', 0.5, 3, 'hi this is sam from northwind how can i help');
    s.say('customer', 4, 10, 'hi i am calling about my bill');
    s.say('agent', 11, 14, 'sure can i have your postcode');
    const prompts = s.run(coachFor(['disclosure-missing']), 40);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'disclosure-missing', severity: 'urgent', triggerT: 30, t: 30 });
  });

  it('stays quiet when it was said, even misheard by the recognizer', () => {
    for (const said of ['thanks for calling this call may be recorded for quality and training',
      'hello calls are recorded for quality and training purposes my name is sam',
      'this colour is being recorded', 'please note this call maybe recorded']) {
      const s = new CallScript();
      s.say('agent', 1, 6, said);
      expect(s.run(coachFor(['disclosure-missing']), 40), said).toEqual([]);
    }
  });

  it('waits for the agent to finish a sentence that runs past the deadline before judging', () => {
    const s = new CallScript();
    s.say('agent', 1, 3, 'hello northwind');
    // Said from 27 s to 33 s; its final arrives 2 s after the speech ends (35 s).
    s.say('agent', 27, 33, 'before we start this call may be recorded', { finalDelayS: 2 });
    expect(s.run(coachFor(['disclosure-missing']), 45)).toEqual([]);
    const late = new CallScript();
    late.say('agent', 1, 3, 'hello northwind');
    late.say('agent', 27, 33, 'before we start can i take your name', { finalDelayS: 2 });
    const prompts = late.run(coachFor(['disclosure-missing']), 45);
    // judged as the final lands (at the latest tick, 34.75 s, up to which both channels are known)
    expect(prompts.map((p) => [p.triggerT, p.t])).toEqual([[33, 34.75]]);
  });

  it('waits for every agent final of speech before the deadline, however late the recognizer is', () => {
    // A loaded recognizer: finals 12 s after the speech, and the disclosure is in an earlier segment than the last.
    const s = new CallScript();
    s.say('agent', 20, 26, 'this call may be recorded for quality', { finalDelayS: 12 });
    s.say('agent', 27, 29, 'how can i help', { finalDelayS: 12 });
    s.say('customer', 30, 34, 'my bill is wrong');
    expect(s.run(coachFor(['disclosure-missing']), 60)).toEqual([]);
    const missing = new CallScript();
    missing.say('agent', 20, 26, 'thanks for calling northwind', { finalDelayS: 12 });
    missing.say('agent', 27, 29, 'how can i help', { finalDelayS: 12 });
    const prompts = missing.run(coachFor(['disclosure-missing']), 60);
    expect(prompts.map((p) => [p.triggerT, p.t])).toEqual([[30, 40.75]]);
  });

  it('does not count a disclosure that starts after the deadline', () => {
    const s = new CallScript();
    s.say('agent', 1, 3, 'hello');
    s.say('agent', 31, 35, 'this call may be recorded');
    expect(s.run(coachFor(['disclosure-missing']), 40).map((p) => p.triggerT)).toEqual([30]);
  });

  it('judges a short call at its end, and never a call without agent audio', () => {
    const s = new CallScript();
    s.say('agent', 1, 3, 'hello northwind');
    s.say('customer', 4, 8, 'sorry wrong number');
    expect(s.run(coachFor(['disclosure-missing']), 12).map((p) => p.triggerT)).toEqual([12]);
    const mono = new CallScript();
    mono.say('customer', 1, 20, 'only the customer is on this stream');
    expect(mono.run(coachFor(['disclosure-missing']), 60)).toEqual([]);
    const tiny = new CallScript();
    tiny.say('agent', 0.5, 2, 'hello');
    expect(tiny.run(coachFor(['disclosure-missing']), 3)).toEqual([]);
  });

  it('fires once per call (its cooldown is the whole call)', () => {
    const s = new CallScript();
    opening(s, 100); // disclosed far too late
    s.say('agent', 1, 3, 'hello');
    expect(s.run(coachFor(['disclosure-missing']), 200)).toHaveLength(1);
  });
});
