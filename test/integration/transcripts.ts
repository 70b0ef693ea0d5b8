// Shared checks for the speech engines' integration tests: a fixture call over /v1/stream gives partial then
// final transcripts for both parties, on the truth turns.
import { expect } from 'vitest';
import type { Truth } from './truth.ts';

export function expectPartialThenFinalOnTruth(events: any[], truth: Truth, tolS = 0.6, minPartialShare = 0.6): void {
  for (const channel of ['customer', 'agent'] as const) {
    const finals = events.filter((e) => e.type === 'transcript' && e.final && e.channel === channel);
    expect(finals.length, `${channel} finals`).toBeGreaterThan(0);
    const turns = truth.turns.filter((t) => t.channel === channel);
    // most truth turns are covered by a final whose times overlap them
    const covered = turns.filter((t) => finals.some((f) => f.start < t.end + tolS && f.end > t.start - tolS));
    expect(covered.length / turns.length, `${channel}: share of truth turns with a final`).toBeGreaterThanOrEqual(0.8);
    // every final lies on a truth turn, its start within tolerance of some turn's start
    for (const f of finals) {
      expect(turns.some((t) => Math.abs(t.start - f.start) <= tolS || (f.start > t.start - tolS && f.start < t.end)), `final at ${f.start}`).toBe(true);
      expect(f.text.length).toBeGreaterThan(0);
    }
    // a partial of an utterance comes before its final
    const withPartial = finals.filter((f) => {
      const iFinal = events.indexOf(f);
      return events.slice(0, iFinal).some((e) => e.type === 'transcript' && !e.final && e.utteranceId === f.utteranceId);
    });
    expect(withPartial.length / finals.length, `${channel}: finals preceded by a partial`).toBeGreaterThanOrEqual(minPartialShare);
  }
}

/** Word error rate of the concatenated finals of a channel against the truth text (rough, for sanity bounds). */
export function channelWer(events: any[], truth: Truth, channel: 'customer' | 'agent'): number {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z' ]+/g, ' ').split(/\s+/).filter(Boolean);
  const ref = norm(truth.turns.filter((t) => t.channel === channel).map((t) => t.text).join(' '));
  const hyp = norm(events.filter((e) => e.type === 'transcript' && e.final && e.channel === channel).map((e) => e.text).join(' '));
  const d = Array.from({ length: ref.length + 1 }, (_, i) => [i, ...Array(hyp.length).fill(0)]);
  for (let j = 1; j <= hyp.length; j++) d[0][j] = j;
  for (let i = 1; i <= ref.length; i++) for (let j = 1; j <= hyp.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
  }
  return d[ref.length][hyp.length] / Math.max(1, ref.length);
}
