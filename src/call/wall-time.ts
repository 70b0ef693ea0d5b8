import type { Channel } from '../events.ts';

/**
 * When (wall clock, ms) each moment of call audio arrived at the server. A prompt's latency runs from the
 * arrival of the audio that ended its trigger (speech end or silence) to its hand-off for delivery.
 */
export class WallTimeMap {
  /** Per channel: ascending [audioEndT (s), arrivalMs] pairs, trimmed to the last KEEP_S seconds. */
  private readonly marks = new Map<Channel, Array<[number, number]>>();

  record(channel: Channel, audioEndT: number, arrivalMs: number): void {
    let m = this.marks.get(channel);
    if (!m) this.marks.set(channel, (m = []));
    m.push([audioEndT, arrivalMs]);
    if (m.length > 4096 && m[0][0] < audioEndT - KEEP_S) m.splice(0, 2048);
  }

  /** Earliest arrival, over channels, of the audio at call time t; undefined if no channel reached t yet. */
  wallAt(t: number): number | undefined {
    let best: number | undefined;
    for (const m of this.marks.values()) {
      let lo = 0, hi = m.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (m[mid][0] < t) lo = mid + 1; else hi = mid }
      if (lo < m.length && (best === undefined || m[lo][1] < best)) best = m[lo][1];
    }
    return best;
  }
}

const KEEP_S = 600;
