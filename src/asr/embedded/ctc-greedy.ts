// Incremental CTC greedy decoding with character frame positions, and the conversion of emitted characters
// to words with times. Times: an output frame lasts frameShiftMs (10 ms feature hop x subsampling).
import type { AsrResult, AsrWord } from '../types.ts';

/** One emitted character and the output frame where it was emitted. */
export interface Emission { ch: string; frame: number; prob: number }

export class GreedyCtcDecoder {
  private prev: number;
  private frames = 0;
  readonly emissions: Emission[] = [];

  constructor(private readonly alphabet: string[], private readonly blank: number) { this.prev = blank }

  /** logprobs: frames x vocab, row-major. */
  push(logprobs: Float32Array, frames: number): void {
    const v = this.alphabet.length;
    for (let t = 0; t < frames; t++) {
      let best = 0;
      let bestLp = -Infinity;
      for (let k = 0; k < v; k++) {
        const lp = logprobs[t * v + k];
        if (lp > bestLp) { bestLp = lp; best = k }
      }
      if (best !== this.blank && best !== this.prev) this.emissions.push({ ch: this.alphabet[best], frame: this.frames + t, prob: Math.exp(bestLp) });
      this.prev = best;
    }
    this.frames += frames;
  }

  get frameCount(): number { return this.frames }
}

/** Groups characters into words (split on spaces) with start/end times in seconds. */
export function emissionsToResult(emissions: Emission[], frameShiftMs: number, delayMs = 0): AsrResult {
  const words: AsrWord[] = [];
  let cur = '';
  let start = 0;
  let end = 0;
  let probSum = 0;
  let probCount = 0;
  const sec = (frame: number): number => Math.max(0, (frame * frameShiftMs - delayMs) / 1000);
  const flush = (): void => {
    if (cur) words.push({ w: cur, start: round3(sec(start)), end: round3(Math.max(sec(start), sec(end + 1))) });
    cur = '';
  };
  for (const e of emissions) {
    probSum += e.prob;
    probCount++;
    if (e.ch === ' ') { flush(); continue }
    if (!cur) start = e.frame;
    cur += e.ch;
    end = e.frame;
  }
  flush();
  const result: AsrResult = { text: words.map((w) => w.w).join(' '), words };
  if (probCount > 0) result.confidence = round3(probSum / probCount);
  return result;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
