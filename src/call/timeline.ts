import type { Channel } from '../events.ts';

// A call's timeline per channel: speech segments (turns) from the VAD, and the measures derived from them.
// Channels are processed independently and may run ahead of each other, so measures are computed over
// segments up to a given call time rather than incrementally from interleaved events.

export interface Segment { channel: Channel; start: number; end: number | null }

export interface TimelineSnapshot {
  t: number;
  talkS: Record<Channel, number>;
  talkRatio: Record<Channel, number>;
  silenceS: number;
  overtalkS: number;
  agentWpm: number;
  sentimentTrend: Record<Channel, number>;
}

/** Weight of a new utterance's sentiment in the running trend, per second of speech (EMA). */
const TREND_ALPHA_PER_S = 0.12;

export class CallTimeline {
  private readonly segments: Record<Channel, Segment[]> = { agent: [], customer: [] };
  private readonly words: Record<Channel, number> = { agent: 0, customer: 0 };
  private readonly trend: Record<Channel, number> = { agent: 0, customer: 0 };
  private readonly trendSeen: Record<Channel, boolean> = { agent: false, customer: false };

  onVad(channel: Channel, state: 'speech' | 'silence', t: number): void {
    const segs = this.segments[channel];
    const open = segs.at(-1);
    if (state === 'speech') {
      if (!open || open.end !== null) segs.push({ channel, start: t, end: null });
    } else if (open && open.end === null) {
      open.end = Math.max(open.start, t);
    }
  }

  onFinal(channel: Channel, text: string): void {
    this.words[channel] += text.split(/\s+/).filter(Boolean).length;
  }

  /** Smoothed sentiment per speaker: an EMA over utterances weighted by their duration (s). */
  onSentiment(channel: Channel, score: number, durationS: number): number {
    const a = Math.min(0.8, Math.max(0.15, TREND_ALPHA_PER_S * durationS));
    this.trend[channel] = this.trendSeen[channel] ? (1 - a) * this.trend[channel] + a * score : score;
    this.trendSeen[channel] = true;
    return this.trend[channel];
  }

  turns(): Segment[] {
    return [...this.segments.customer, ...this.segments.agent].sort((a, b) => a.start - b.start);
  }

  /** Talk, silence and overtalk over [0, t] (s). Open segments count up to t. */
  snapshot(t: number): TimelineSnapshot {
    const clip = (ch: Channel) => this.segments[ch]
      .filter((s) => s.start < t)
      .map((s) => [s.start, Math.min(s.end ?? t, t)] as [number, number]);
    const a = clip('agent'), c = clip('customer');
    const total = (xs: Array<[number, number]>) => xs.reduce((sum, [s, e]) => sum + (e - s), 0);
    const talkAgent = total(a), talkCustomer = total(c);
    const overtalk = total(intersect(a, c));
    const anyone = talkAgent + talkCustomer - overtalk;
    const talk = talkAgent + talkCustomer;
    return {
      t,
      talkS: { agent: talkAgent, customer: talkCustomer },
      talkRatio: { agent: talk > 0 ? talkAgent / talk : 0, customer: talk > 0 ? talkCustomer / talk : 0 },
      silenceS: Math.max(0, t - anyone),
      overtalkS: overtalk,
      agentWpm: talkAgent >= 1 ? (this.words.agent / talkAgent) * 60 : 0,
      sentimentTrend: { ...this.trend },
    };
  }
}

/** Intersection of two sorted lists of disjoint intervals. */
export function intersect(a: Array<[number, number]>, b: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i][0], b[j][0]), e = Math.min(a[i][1], b[j][1]);
    if (e > s) out.push([s, e]);
    if (a[i][1] < b[j][1]) i++; else j++;
  }
  return out;
}
