import { describe, expect, it } from 'vitest';
import { SpeechDetector } from './detector.ts';

/** Feeds one probability per 32 ms window. */
function feed(d: SpeechDetector, probs: number[]) {
  const out = [];
  for (let i = 0; i < probs.length; i++) out.push(...d.push(probs[i], i * 0.032, (i + 1) * 0.032));
  return out;
}

describe('SpeechDetector', () => {
  it('needs minSpeechMs of speech to start and reports the padded true start', () => {
    const d = new SpeechDetector({ minSpeechMs: 250, speechPadMs: 100 });
    const tr = feed(d, [...Array(10).fill(0), ...Array(5).fill(0.9), ...Array(10).fill(0), ...Array(10).fill(0.9)]);
    // the 5-window burst (160 ms) is too short; the 10-window one starts at window 25 = 0.8 s
    expect(tr[0]).toEqual({ state: 'speech', t: expect.closeTo(0.8 - 0.1, 5) });
    expect(tr).toHaveLength(1);
  });
  it('ends after hangoverMs of silence, at the silence start plus pad; short pauses do not split', () => {
    const d = new SpeechDetector({ minSpeechMs: 96, hangoverMs: 400, speechPadMs: 100 });
    const tr = feed(d, [...Array(10).fill(0.9), ...Array(8).fill(0.1), ...Array(10).fill(0.9), ...Array(20).fill(0.1)]);
    expect(tr.map((t) => t.state)).toEqual(['speech', 'silence']);
    expect(tr[1].t).toBeCloseTo(28 * 0.032 + 0.1, 5);
  });
  it('closes an open segment at flush', () => {
    const d = new SpeechDetector({ minSpeechMs: 64 });
    feed(d, Array(10).fill(0.9));
    expect(d.flush()).toEqual([{ state: 'silence', t: expect.closeTo(0.32, 5) }]);
    expect(d.flush()).toEqual([]);
  });
});
