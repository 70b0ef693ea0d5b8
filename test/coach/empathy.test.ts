import { describe, expect, it } from 'vitest';
import { CallScript, coachFor } from './script.ts';

const bereavement = { name: 'bereavement', quote: 'my husband passed away last month' };

function disclosure(s: CallScript): string {
  return s.customer(10, 15, 'my husband passed away last month and the account is in his name', {
    sentiment: -0.5, emotion: 'sadness', emotionScore: 0.8, lifeEvents: [bereavement],
  });
}

describe('empathy-moment', () => {
  it('fires when the customer discloses a life event, with a suggested acknowledgement', () => {
    const s = new CallScript();
    const id = disclosure(s);
    const prompts = s.run(coachFor(['empathy-moment']), 20);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'empathy-moment', severity: 'info', triggerT: 15,
      title: 'Customer mentioned a bereavement', evidence: { utteranceId: id, quote: bereavement.quote } });
    expect(prompts[0].body).toContain("I'm so sorry for your loss.");
  });

  it('fires on strong sadness without a named life event', () => {
    const s = new CallScript();
    s.customer(10, 13, 'i just do not know what to do any more', { sentiment: -0.6, emotion: 'sadness', emotionScore: 0.85 });
    const prompts = s.run(coachFor(['empathy-moment']), 20);
    expect(prompts.map((p) => p.title)).toEqual(['Customer mentioned sounding upset']);
  });

  it('stays quiet for the agent, for mild sadness and for unknown life events', () => {
    const s = new CallScript();
    const a = s.say('agent', 3, 6, 'my dog died last year so i understand');
    s.analyse(a, { lifeEvents: [{ name: 'bereavement', quote: 'my dog died' }] });
    s.customer(10, 13, 'oh well never mind', { emotion: 'sadness', emotionScore: 0.4 });
    s.customer(15, 18, 'i won the lottery', { lifeEvents: [{ name: 'lottery-win', quote: 'i won the lottery' }] });
    expect(s.run(coachFor(['empathy-moment']), 25)).toEqual([]);
  });

  it('respects its cooldown and prompts once per life event', () => {
    const s = new CallScript();
    disclosure(s);
    s.customer(20, 23, 'we are also moving house next week', { lifeEvents: [{ name: 'moving-house', quote: 'moving house next week' }] });
    s.customer(40, 43, 'since he died it has been hard', { lifeEvents: [{ name: 'bereavement', quote: 'since he died' }] });
    s.customer(60, 63, 'and we are moving house', { lifeEvents: [{ name: 'moving-house', quote: 'moving house' }] });
    const prompts = s.run(coachFor(['empathy-moment']), 70);
    // 23 s is inside the 20 s cooldown; 43 s repeats the bereavement; 63 s is the house move, not said before.
    expect(prompts.map((p) => [p.triggerT, p.title])).toEqual([
      [15, 'Customer mentioned a bereavement'],
      [63, 'Customer mentioned a house move'],
    ]);
  });
});

describe('empathy-missed', () => {
  it('fires when the agent\'s next turn skips past a bereavement, with the agent\'s words as evidence', () => {
    const s = new CallScript();
    disclosure(s);
    const reply = s.say('agent', 16, 19, 'okay can i take the account number please');
    s.customer(21, 23, 'yes it is one two three');
    const prompts = s.run(coachFor(['empathy-missed']), 30);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ rule: 'empathy-missed', severity: 'warn',
      evidence: { utteranceId: reply, quote: 'okay can i take the account number please' } });
    // Judged once the agent's turn is over: the customer speaking again at 21 s.
    expect(prompts[0].triggerT).toBe(21);
    expect(prompts[0].t).toBeLessThanOrEqual(21.5);
  });

  it('does not hold a weak cue against the reply: "change my address" (score 0.6) is not a clear house move', () => {
    const weak = (score: number) => {
      const s = new CallScript();
      s.customer(10, 13, 'i would like to change the address on my account please', {
        sentiment: 0, emotion: 'neutral', emotionScore: 0.8, lifeEvents: [{ name: 'moving-house', quote: 'change the address', score }],
      });
      s.say('agent', 14, 17, 'of course can i have your full name please');
      s.customer(18, 19, 'john miller');
      return s.run(coachFor(['empathy-missed']), 30).map((p) => p.rule);
    };
    expect(weak(0.6)).toEqual([]);
    expect(weak(0.8)).toEqual(['empathy-missed']);
  });

  it('fires after a pause ends the agent\'s turn, even if the customer stays silent', () => {
    const s = new CallScript();
    disclosure(s);
    s.say('agent', 16, 19, 'right i will need the account number');
    const prompts = s.run(coachFor(['empathy-missed']), 30);
    expect(prompts.map((p) => p.triggerT)).toEqual([21]);
  });

  it('stays quiet when the agent acknowledges, even misheard or in a second sentence of the turn', () => {
    for (const reply of ['oh i am so sorry for your loss', "i'm so sorry to hear that", 'okay i see. i am sorry four your loss',
      'that must be hard for you']) {
      const s = new CallScript();
      disclosure(s);
      s.say('agent', 16, 18, reply.split('.')[0]);
      if (reply.includes('.')) s.say('agent', 18.4, 20, reply.split('.')[1]);
      s.customer(22, 24, 'thank you');
      expect(s.run(coachFor(['empathy-missed']), 30), reply).toEqual([]);
    }
  });

  it('accepts congratulations for a new baby, and judges only the next turn', () => {
    const s = new CallScript();
    s.customer(10, 13, 'we just had a baby so i need a bigger plan', { lifeEvents: [{ name: 'new-baby', quote: 'we just had a baby' }] });
    s.say('agent', 14, 16, 'oh congratulations');
    s.say('agent', 16.5, 19, 'what plan are you on');
    s.customer(20, 22, 'the basic one');
    s.say('agent', 23, 25, 'ok let me check');
    expect(s.run(coachFor(['empathy-missed']), 30)).toEqual([]);
  });

  it('waits for the agent\'s final transcript before judging (slow recognizer)', () => {
    const s = new CallScript();
    disclosure(s);
    // The acknowledgement's final arrives 2.5 s after the speech ends, after the turn gap has passed.
    s.say('agent', 16, 17, 'okay');
    s.say('agent', 17.3, 19, 'i am so sorry for your loss', { finalDelayS: 2.5 });
    expect(s.run(coachFor(['empathy-missed']), 30)).toEqual([]);
    // A loaded machine: the same acknowledgement 9 s late (well past the turn gap) still counts ...
    const loaded = new CallScript();
    disclosure(loaded);
    loaded.say('agent', 16, 17, 'okay');
    loaded.say('agent', 17.3, 19, 'i am so sorry for your loss', { finalDelayS: 9 });
    expect(loaded.run(coachFor(['empathy-missed']), 40)).toEqual([]);
    // ... and a cold reply as late is judged when its final lands, with the same trigger time as on time.
    const cold = new CallScript();
    disclosure(cold);
    cold.say('agent', 16, 17, 'okay');
    cold.say('agent', 17.3, 19, 'what is the account number', { finalDelayS: 9 });
    expect(cold.run(coachFor(['empathy-missed']), 40).map((p) => [p.triggerT, p.t])).toEqual([[21, 27.75]]);
  });

  it('stays quiet when the agent reply arrives before the slow analysis of the disclosure', () => {
    const s = new CallScript();
    const id = s.say('customer', 10, 15, 'my husband passed away last month');
    s.analyse(id, { lifeEvents: [bereavement], delayS: 4 });
    s.say('agent', 15.5, 17, 'i am so sorry to hear that');
    expect(s.run(coachFor(['empathy-missed']), 30)).toEqual([]);
  });

  it('respects its cooldown', () => {
    const s = new CallScript();
    s.customer(10, 12, 'my wife is in hospital', { lifeEvents: [{ name: 'illness', quote: 'my wife is in hospital' }] });
    s.say('agent', 13, 15, 'ok what is the postcode');
    s.customer(17, 19, 'and i lost my job', { lifeEvents: [{ name: 'job-loss', quote: 'i lost my job' }] });
    s.say('agent', 20, 22, 'ok and the house number');
    s.customer(50, 52, 'we had a baby too', { lifeEvents: [{ name: 'new-baby', quote: 'we had a baby' }] });
    s.say('agent', 53, 55, 'right the first line of the address');
    const prompts = s.run(coachFor(['empathy-missed']), 60);
    // 17 s: judged when the customer speaks again; 22 s: inside the 30 s cooldown; 55 s: after it.
    expect(prompts.map((p) => p.title)).toEqual(['Empathy moment missed (an illness)', 'Empathy moment missed (a new baby)']);
  });
});
