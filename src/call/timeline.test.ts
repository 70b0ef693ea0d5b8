import { describe, expect, it } from 'vitest';
import { CallTimeline } from './timeline.ts';

describe('CallTimeline', () => {
  it('measures talk, silence, overtalk and ratio over a scripted call', () => {
    const tl = new CallTimeline();
    // customer 1-4 s, agent 3.5-6 s (0.5 s overtalk), nobody 6-10 s, customer 10-11 s
    tl.onVad('customer', 'speech', 1); tl.onVad('customer', 'silence', 4);
    tl.onVad('agent', 'speech', 3.5); tl.onVad('agent', 'silence', 6);
    tl.onVad('customer', 'speech', 10); tl.onVad('customer', 'silence', 11);
    const s = tl.snapshot(12);
    expect(s.talkS.customer).toBeCloseTo(4);
    expect(s.talkS.agent).toBeCloseTo(2.5);
    expect(s.overtalkS).toBeCloseTo(0.5);
    // silence: 0-1, 6-10, 11-12 = 6 s
    expect(s.silenceS).toBeCloseTo(6);
    expect(s.talkRatio.customer).toBeCloseTo(4 / 6.5);
  });

  it('counts an open segment up to the snapshot time and only what happened before it', () => {
    const tl = new CallTimeline();
    tl.onVad('agent', 'speech', 2);
    expect(tl.snapshot(5).talkS.agent).toBeCloseTo(3);
    tl.onVad('agent', 'silence', 8);
    expect(tl.snapshot(5).talkS.agent).toBeCloseTo(3);
    expect(tl.snapshot(10).silenceS).toBeCloseTo(4);
  });

  it('computes the agent speaking rate from final words over agent talk time', () => {
    const tl = new CallTimeline();
    tl.onVad('agent', 'speech', 0); tl.onVad('agent', 'silence', 6);
    tl.onFinal('agent', 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty');
    expect(tl.snapshot(6).agentWpm).toBeCloseTo(200);
  });

  it('smooths sentiment per speaker and moves toward new evidence', () => {
    const tl = new CallTimeline();
    expect(tl.onSentiment('customer', -0.8, 3)).toBeCloseTo(-0.8);
    const next = tl.onSentiment('customer', 0.8, 3);
    expect(next).toBeGreaterThan(-0.8);
    expect(next).toBeLessThan(0.8);
    expect(tl.snapshot(1).sentimentTrend.agent).toBe(0);
  });
});
