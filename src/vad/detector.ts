import type { VadTransition } from '../call/providers.ts';

// Speech start/end decisions over per-window speech probabilities: a start needs minSpeechMs of speech, an end
// needs hangoverMs of silence; edges are reported where the speech really began or ended (padded), not where
// the decision was taken.

export interface DetectorOptions {
  /** Probability at or above which a window is speech. */
  threshold: number;
  /** Probability below which a window is silence (hysteresis between the two). */
  negThreshold: number;
  minSpeechMs: number;
  /** Silence needed to end a segment (ms). */
  hangoverMs: number;
  /** Added before a start and after an end (ms), clipped to the audio seen. */
  speechPadMs: number;
}
export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = { threshold: 0.5, negThreshold: 0.35, minSpeechMs: 250, hangoverMs: 400, speechPadMs: 100 };

export class SpeechDetector {
  private speaking = false;
  private candidateStart: number | null = null;
  private silenceStart: number | null = null;
  private lastEnd = 0;
  private readonly o: DetectorOptions;

  constructor(opts: Partial<DetectorOptions> = {}) { this.o = { ...DEFAULT_DETECTOR_OPTIONS, ...opts } }

  /** One window's probability; `start` and `end` are its times in s. */
  push(p: number, start: number, end: number): VadTransition[] {
    const o = this.o;
    const out: VadTransition[] = [];
    this.lastEnd = end;
    if (!this.speaking) {
      if (p >= o.threshold) {
        this.candidateStart ??= start;
        if ((end - this.candidateStart) * 1000 >= o.minSpeechMs) {
          this.speaking = true;
          this.silenceStart = null;
          out.push({ state: 'speech', t: Math.max(0, this.candidateStart - o.speechPadMs / 1000) });
          this.candidateStart = null;
        }
      } else if (p < o.negThreshold) {
        this.candidateStart = null;
      }
    } else if (p < o.negThreshold) {
      this.silenceStart ??= start;
      if ((end - this.silenceStart) * 1000 >= o.hangoverMs) {
        out.push({ state: 'silence', t: Math.min(end, this.silenceStart + o.speechPadMs / 1000) });
        this.speaking = false;
        this.silenceStart = null;
      }
    } else if (p >= o.threshold) {
      this.silenceStart = null;
    }
    return out;
  }

  /** End of audio: closes an open segment where its silence began (or at the end of the audio). */
  flush(): VadTransition[] {
    if (!this.speaking) return [];
    this.speaking = false;
    const end = this.silenceStart !== null ? Math.min(this.lastEnd, this.silenceStart + this.o.speechPadMs / 1000) : this.lastEnd;
    this.silenceStart = null;
    return [{ state: 'silence', t: end }];
  }
}
