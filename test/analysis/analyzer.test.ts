import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import type { UtteranceInput } from '../../src/analysis/types.ts';
import { FakeClassifier } from './fake-classifier.ts';
import { harmonicVoice } from './synth-audio.ts';

let n = 0;
const utt = (text: string, extra: Partial<UtteranceInput> = {}): UtteranceInput => ({
  callId: 'c1', channel: 'customer', utteranceId: `u${++n}`, text, start: n * 4, end: n * 4 + 3, ...extra,
});
const calmVoice = (seed: number) => harmonicVoice({ f0Hz: 120 + seed, durationS: 2, amplitude: 0.08, syllablesPerS: 3.5, wobbleSt: 1, seed });
const raisedVoice = () => harmonicVoice({ f0Hz: 180, durationS: 2, amplitude: 0.35, syllablesPerS: 5, wobbleSt: 3, seed: 42 });

describe('analyzer', () => {
  it('composes text classification, intents, life events and PII, and quotes only redacted text', async () => {
    const a = createAnalyzer({ classifier: new FakeClassifier() });
    const r = await a.analyze(utt('my mother passed away and i want to cancel my count the card is four five three nine one four eight eight oh three four three six four six seven'));
    expect(r.sentiment).toEqual({ label: 'negative', score: -0.6 });
    expect(r.emotion.label).toBe('sadness');
    expect(r.lifeEvents.map((e) => e.name)).toEqual(['bereavement']);
    expect(r.intents.map((i) => i.name)).toContain('escalation.cancel');
    expect(r.pii.map((p) => p.kind)).toEqual(['card']);
    expect(r.redactedText).toMatch(/the card is \[CARD\]$/);
    expect(JSON.stringify([r.intents, r.lifeEvents])).not.toMatch(/four five three/);
    expect(r.arousal).toBeUndefined(); // no audio
  });

  it('raises the certainty of anger when the customer raises their voice above their own baseline', async () => {
    const a = createAnalyzer({ classifier: new FakeClassifier() });
    const calm = await a.analyze(utt('this is ridiculous', { audio: calmVoice(0) }));
    for (let i = 1; i < 4; i++) await a.analyze(utt('okay', { audio: calmVoice(i) }));
    const shouted = await a.analyze(utt('this is ridiculous', { audio: raisedVoice() }));
    expect(shouted.arousal!).toBeGreaterThan(0.75);
    expect(shouted.arousal!).toBeGreaterThan(calm.arousal! + 0.3);
    expect(shouted.emotion.label).toBe('anger');
    expect(shouted.emotion.score).toBeGreaterThan(calm.emotion.score);
    expect(shouted.emotion.score).toBeGreaterThan(0.6); // more certain than the text alone
  });

  it('keeps baselines and trends per call and frees them at call end', async () => {
    const a = createAnalyzer({ classifier: new FakeClassifier() });
    await a.analyze(utt('this is ridiculous', { callId: 'x' }));
    await a.analyze(utt('thank you so much', { callId: 'y', channel: 'agent' }));
    expect(a.sentimentTrend('x').customer).toBeCloseTo(-0.8);
    expect(a.sentimentTrend('x').agent).toBe(0);
    expect(a.sentimentTrend('y').agent).toBeCloseTo(0.8);
    expect(a.stats.activeCalls).toBe(2);
    a.endCall('x');
    expect(a.stats.activeCalls).toBe(1);
    expect(a.sentimentTrend('x')).toEqual({ agent: 0, customer: 0 });
  });

  it('returns a neutral result for an empty final without asking the model or moving the trend', async () => {
    const fake = new FakeClassifier();
    const a = createAnalyzer({ classifier: fake });
    await a.analyze(utt('this is ridiculous', { callId: 'e' }));
    const r = await a.analyze(utt('  ', { callId: 'e' }));
    expect(r).toMatchObject({ sentiment: { label: 'neutral' }, intents: [], lifeEvents: [], pii: [], redactedText: '  ' });
    expect(fake.seen).toEqual(['this is ridiculous']);
    expect(a.sentimentTrend('e').customer).toBeCloseTo(-0.8);
    expect(a.stats.classifierFailures).toBe(0);
  });

  it('drops the oldest call state when calls never report their end (bounded memory)', async () => {
    const a = createAnalyzer({ classifier: new FakeClassifier(), maxCalls: 3 });
    for (const id of ['a', 'b', 'c', 'd']) await a.analyze(utt('this is ridiculous', { callId: id }));
    expect(a.stats.activeCalls).toBe(3);
    expect(a.sentimentTrend('a').customer).toBe(0);
    expect(a.sentimentTrend('d').customer).toBeCloseTo(-0.8);
  });

  it.each(['throw', 'stall', 'garbage'] as const)('degrades one utterance to neutral when the classifier does %s', async (mode) => {
    const fake = new FakeClassifier();
    const errors: string[] = [];
    const a = createAnalyzer({
      classifier: fake, classifierTimeoutMs: 50,
      metrics: { errors: { inc: (l: { code: string }) => errors.push(l.code) } as never, analysisLatency: { observe: () => undefined } as never },
    });
    fake.mode = mode;
    const bad = await a.analyze(utt('i want to speak to a supervisor this is ridiculous'));
    expect(bad.sentiment).toEqual({ label: 'neutral', score: 0 });
    expect(bad.emotion.label).toBe('neutral');
    expect(bad.intents.map((i) => i.name)).toContain('escalation.supervisor'); // rules still work
    expect(a.stats.classifierFailures).toBe(1);
    expect(errors).toEqual(['ANALYSIS_DEGRADED']);
    fake.mode = 'ok';
    const good = await a.analyze(utt('this is ridiculous'));
    expect(good.sentiment.label).toBe('negative');
    expect(a.sentimentTrend('c1').customer).toBeCloseTo(-0.8); // the failed utterance did not move the trend
  });
});
