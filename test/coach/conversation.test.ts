import { describe, expect, it } from 'vitest';
import { CallScript, coachFor } from './script.ts';

describe('dead-air', () => {
  it('fires once per silence, timed from silence start + 10 s, with the last words as evidence', () => {
    const s = new CallScript();
    s.say('customer', 1, 4, 'hello i have a question about my bill');
    const last = s.say('agent', 5, 7, 'sure what is the question');
    s.say('customer', 30, 32, 'hello are you still there');
    const prompts = s.run(coachFor(['dead-air']), 40);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'dead-air', triggerT: 17, t: 17, title: 'Dead air: 10 s of silence',
      evidence: { utteranceId: last } });
  });

  it('stays quiet for a 9 s pause, before anyone has spoken, and while someone speaks', () => {
    const s = new CallScript();
    s.say('customer', 14, 16, 'hello'); // 14 s of connecting silence first: not dead air
    s.say('agent', 25, 27, 'hi');       // 9 s gap
    s.vadOnly('agent', 28, 50);         // long speech
    expect(s.run(coachFor(['dead-air']), 55)).toEqual([]);
  });

  it('allows a longer silence after the agent announced a hold', () => {
    const s = new CallScript();
    s.say('customer', 1, 3, 'can you check my last payment');
    s.say('agent', 4, 7, 'sure please hold while i check that');
    s.say('agent', 40, 43, 'thanks for holding');
    expect(s.run(coachFor(['dead-air']), 45)).toEqual([]);
    const long = new CallScript();
    long.say('agent', 4, 7, 'one moment please');
    expect(long.run(coachFor(['dead-air']), 70).map((p) => p.triggerT)).toEqual([67]);
  });

  it('waits for a lagging final to know whether a hold was announced', () => {
    // The hold notice's final lands 12 s after the speech: past the 10 s dead-air limit.
    const s = new CallScript();
    s.say('customer', 1, 3, 'can you check my last payment');
    s.say('agent', 4, 7, 'sure please hold while i check that', { finalDelayS: 12 });
    s.say('agent', 40, 43, 'thanks for holding');
    expect(s.run(coachFor(['dead-air']), 45)).toEqual([]);
    const noHold = new CallScript();
    noHold.say('customer', 1, 3, 'can you check my last payment');
    noHold.say('agent', 4, 7, 'sure what is the date', { finalDelayS: 12 });
    expect(noHold.run(coachFor(['dead-air']), 30).map((p) => [p.triggerT, p.t, p.evidence.quote])).toEqual([[17, 18.75, 'sure what is the date']]);
  });

  it('judges a silence that ended before the lagging final of the speech before it came in', () => {
    // 12 s of silence (7 s to 19 s); the final of the speech before it lands at 22 s, after the silence ended.
    const s = new CallScript();
    s.say('customer', 1, 3, 'can you check my last payment');
    s.say('agent', 4, 7, 'sure what is the date', { finalDelayS: 15 });
    s.say('customer', 19, 21, 'hello are you there');
    expect(s.run(coachFor(['dead-air']), 30).map((p) => [p.triggerT, p.evidence.quote])).toEqual([[17, 'sure what is the date']]);
    // ... and a 9 s silence stays quiet however late the final
    const short = new CallScript();
    short.say('agent', 4, 7, 'sure what is the date', { finalDelayS: 15 });
    short.say('customer', 16, 18, 'the first of may');
    expect(short.run(coachFor(['dead-air']), 26)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    s.say('agent', 1, 2, 'hello');
    s.say('customer', 14, 15, 'hello');      // silence 2-14: fires at 12
    s.say('agent', 26, 27, 'sorry');         // silence 15-26: fires at 25, inside the 30 s cooldown
    s.say('customer', 35, 36, 'are you there'); // silence 27-35: too short
    s.say('agent', 50, 51, 'yes');              // silence 36-50: fires at 46, after the cooldown
    const prompts = s.run(coachFor(['dead-air']), 55);
    expect(prompts.map((p) => p.triggerT)).toEqual([12, 46]);
  });
});

describe('overtalk', () => {
  it('fires when the agent talks over the customer for more than 1.2 s, quoting the agent', () => {
    const s = new CallScript();
    s.say('customer', 5, 12, 'i have been waiting all week for the engineer and nobody');
    const agent = s.say('agent', 9, 13, 'okay i understand but let me just stop you there', { partials: true });
    const prompts = s.run(coachFor(['overtalk']), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'overtalk', triggerT: 10.2, evidence: { utteranceId: agent } });
    expect(prompts[0].t).toBeGreaterThanOrEqual(10.2);
    expect(prompts[0].t).toBeLessThanOrEqual(10.5);
  });

  it('stays quiet for a short overlap and when the customer interrupts the agent', () => {
    const s = new CallScript();
    s.say('customer', 5, 8, 'so the bill is wrong');
    s.say('agent', 7.2, 10, 'right okay');            // 0.8 s overlap
    s.say('agent', 12, 20, 'so what i can do is send you a new bill');
    s.say('customer', 14, 18, 'no no i do not want a new bill'); // the customer interrupts
    expect(s.run(coachFor(['overtalk']), 25)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    for (const at of [5, 20, 60]) {
      s.say('customer', at, at + 5, 'customer speaking');
      s.say('agent', at + 2, at + 6, 'agent cutting in');
    }
    expect(s.run(coachFor(['overtalk']), 70).map((p) => p.triggerT)).toEqual([8.2, 63.2]);
  });
});

describe('agent-monologue', () => {
  it('fires when the agent speaks for 45 s without the customer, across short pauses and backchannels', () => {
    const s = new CallScript();
    s.say('customer', 1, 4, 'can you explain the new tariff');
    for (let at = 5; at < 60; at += 10) s.say('agent', at, at + 8.5, `and the tariff part ${at} works like this`);
    s.vadOnly('customer', 30, 30.5); // "mm-hm"
    const prompts = s.run(coachFor(['agent-monologue']), 65);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'agent-monologue', triggerT: 50, t: 50, title: 'Long monologue (45 s)' });
    expect(prompts[0].evidence.utteranceId).toBeDefined();
  });

  it('stays quiet when the customer takes a turn or a long pause breaks the speech', () => {
    const s = new CallScript();
    s.say('agent', 5, 35, 'a long explanation');
    s.say('customer', 36, 38, 'okay and then');
    s.say('agent', 38.5, 70, 'then the second part');   // 31.5 s
    s.say('agent', 76, 100, 'after a 6 s pause');        // pause > 4 s starts a new stretch
    expect(s.run(coachFor(['agent-monologue']), 105)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    s.say('agent', 1, 50, 'first monologue');           // fires at 46
    s.say('customer', 51, 53, 'right');
    s.say('agent', 54, 100, 'second monologue');        // would fire at 99: inside the 60 s cooldown
    s.say('customer', 101, 103, 'ok');
    s.say('agent', 104, 152, 'third monologue');        // fires at 149
    expect(s.run(coachFor(['agent-monologue']), 155).map((p) => p.triggerT)).toEqual([46, 149]);
  });
});
