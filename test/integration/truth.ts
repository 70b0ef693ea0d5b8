import { readFileSync } from 'node:fs';
import type { Channel } from '../../src/events.ts';

export interface TruthTurn { channel: Channel; text: string; start: number; end: number; voice?: string }
export interface Truth { name: string; durationS: number; turns: TruthTurn[]; expect: { prompts: string[]; noPrompts: string[] } }

export const fixturePath = (name: string) => `fixtures/calls/${name}.wav`;
export const loadTruth = (name: string): Truth => JSON.parse(readFileSync(`fixtures/calls/${name}.truth.json`, 'utf8'));

/** Merges truth turns of one channel that a VAD would hear as one segment (gaps shorter than `gapS`). */
export function speechSpans(truth: Truth, channel: Channel, gapS = 0.5): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const t of truth.turns.filter((x) => x.channel === channel).sort((a, b) => a.start - b.start)) {
    const last = spans.at(-1);
    if (last && t.start - last[1] < gapS) last[1] = Math.max(last[1], t.end);
    else spans.push([t.start, t.end]);
  }
  return spans;
}

/** VAD events of one channel as [start, end] segments. */
export function vadSegments(events: any[], channel: Channel): Array<[number, number]> {
  const segs: Array<[number, number]> = [];
  let open: number | null = null;
  for (const e of events.filter((x) => x.type === 'vad' && x.channel === channel)) {
    if (e.state === 'speech') open = e.t;
    else if (open !== null) { segs.push([open, e.t]); open = null }
  }
  return segs;
}

/** Overlap of each party's truth speech (s): what overtalk metrics should show. */
export function truthOvertalk(truth: Truth): number {
  const a = speechSpans(truth, 'agent', 0), c = speechSpans(truth, 'customer', 0);
  let sum = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of c) sum += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return sum;
}

/**
 * Time where nobody speaks (s) over the call. `padS` widens each turn as a VAD does (speech pad before and
 * after, and pauses shorter than its hangover bridged) to compare like with like.
 */
export function truthSilence(truth: Truth, padS = 0, bridgeS = 0): number {
  const widen = (xs: Array<[number, number]>) => xs.map(([s, e]) => [Math.max(0, s - padS), e + padS] as [number, number]);
  const all = [...widen(speechSpans(truth, 'agent', bridgeS)), ...widen(speechSpans(truth, 'customer', bridgeS))].sort((x, y) => x[0] - y[0]);
  let covered = 0, curS = -1, curE = -1;
  for (const [s, e] of all) {
    if (s > curE) { if (curE > curS) covered += curE - curS; curS = s; curE = e } else curE = Math.max(curE, e);
  }
  if (curE > curS) covered += curE - curS;
  return truth.durationS - covered;
}
