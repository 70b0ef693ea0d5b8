import type { AnalysisEvent, AssistEvent, Channel, Word } from '../events.ts';

// The coach's own view of one call, built from the events alone: speech segments per party from the VAD (who is
// speaking, since when), the latest text of every utterance (partial, then final) and the analysis of finals.
// The two channels are processed independently and one may run ahead of the other, so questions about "now" are
// asked at a call time t (a tick, up to which both channels are known) rather than at the latest event. Finals
// lag the VAD by the recognizer's decoding time (seconds when the machine is loaded): the view knows which are
// still pending.

export interface SpeechSegment { start: number; end: number | null }
export interface UtteranceView {
  id: string; channel: Channel; text: string; final: boolean; start: number; end: number; words?: Word[];
}

/** Finals kept per channel (a long call's older turns are never looked at again). */
const KEEP_FINALS = 200;
/** Speech segments kept per channel. */
const KEEP_SEGMENTS = 400;

export class CallView {
  readonly segments: Record<Channel, SpeechSegment[]> = { agent: [], customer: [] };
  readonly finals: Record<Channel, UtteranceView[]> = { agent: [], customer: [] };
  private readonly utterances = new Map<string, UtteranceView>();
  private readonly analyses = new Map<string, AnalysisEvent>();
  /** Utterances whose speech ended and whose final is still being decoded: id -> channel and start (s). */
  private readonly awaited = new Map<string, { channel: Channel; start: number }>();
  /** Latest call time any event or tick has shown (s). */
  now = 0;
  /** Latest tick (s): both channels' VAD is known up to here. */
  tickT = 0;

  constructor(readonly callId: string) {}

  apply(ev: AssistEvent): void {
    if (ev.type === 'vad') this.onVad(ev.channel, ev.state, ev.t);
    else if (ev.type === 'transcript') {
      const u: UtteranceView = { id: ev.utteranceId, channel: ev.channel, text: ev.text, final: ev.final,
        start: ev.start, end: ev.end, ...(ev.words ? { words: ev.words } : {}) };
      const prev = this.utterances.get(u.id);
      if (prev?.final && !ev.final) return; // a late partial never replaces the final
      this.utterances.set(u.id, u);
      if (this.utterances.size > KEEP_FINALS * 3) this.forget(this.utterances.values().next().value!);
      this.advance(ev.end);
      if (ev.final) {
        const list = this.finals[ev.channel];
        list.push(u);
        if (list.length > KEEP_FINALS) this.forget(list.shift()!);
      }
    } else if (ev.type === 'analysis') {
      this.analyses.set(ev.utteranceId, ev);
    } else if (ev.type === 'metrics') {
      this.advance(ev.t);
    }
  }

  finalPending(channel: Channel, utteranceId: string, start: number): void {
    this.awaited.set(utteranceId, { channel, start });
  }

  finalSettled(utteranceId: string): void { this.awaited.delete(utteranceId) }

  /**
   * Has every utterance of `ch` whose speech started before call time `before` (s) and has ended got its final
   * (or is known to have none)? A recognizer that lags behind the VAD leaves this false for a while; rules
   * judging what was (not) said wait for it, so they see what a replay of the call sees.
   */
  finalsIn(ch: Channel, before: number): boolean {
    for (const a of this.awaited.values()) if (a.channel === ch && a.start < before) return false;
    return true;
  }

  tick(t: number): void {
    this.tickT = Math.max(this.tickT, t);
    this.advance(t);
  }

  advance(t: number): void { if (t > this.now) this.now = t }

  utterance(id: string): UtteranceView | undefined { return this.utterances.get(id) }
  analysis(id: string): AnalysisEvent | undefined { return this.analyses.get(id) }

  /** Is `ch` speaking at call time t (per the VAD events received so far)? */
  speakingAt(ch: Channel, t: number): boolean {
    const seg = this.segmentAt(ch, t);
    return seg !== undefined && (seg.end === null || seg.end > t);
  }

  /** The last `n` segments of `ch` that started at or before t, oldest first. */
  segmentsUpTo(ch: Channel, t: number, n: number): SpeechSegment[] {
    const segs = this.segments[ch];
    let i = segs.length;
    while (i > 0 && segs[i - 1].start > t) i--;
    return segs.slice(Math.max(0, i - n), i);
  }

  /** The last final of `ch` that ended by t. */
  lastFinalBefore(ch: Channel, t: number): UtteranceView | undefined {
    const list = this.finals[ch];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].end <= t) return list[i];
    return undefined;
  }

  /** The last segment of `ch` that started at or before t. */
  segmentAt(ch: Channel, t: number): SpeechSegment | undefined {
    const segs = this.segments[ch];
    for (let i = segs.length - 1; i >= 0; i--) if (segs[i].start <= t) return segs[i];
    return undefined;
  }

  /**
   * When the current silence began, as seen at call time t: null when someone is speaking at t or nobody has
   * spoken yet (the ringing and connecting before the first word are not dead air).
   */
  silenceStartAt(t: number): number | null {
    let start: number | null = null;
    for (const ch of ['agent', 'customer'] as const) {
      const seg = this.segmentAt(ch, t);
      if (!seg) continue;
      if (seg.end === null || seg.end > t) return null;
      start = start === null ? seg.end : Math.max(start, seg.end);
    }
    return start;
  }

  /** The latest text (final or partial) of `ch` that overlaps [from, to] in call time. */
  textDuring(ch: Channel, from: number, to: number): UtteranceView | undefined {
    let best: UtteranceView | undefined;
    for (const u of this.utterances.values()) {
      if (u.channel !== ch || u.end < from - 0.3 || u.start > to + 0.3) continue;
      if (!best || u.start > best.start || (u.start === best.start && u.final)) best = u;
    }
    return best;
  }

  lastFinal(ch?: Channel): UtteranceView | undefined {
    if (ch) return this.finals[ch].at(-1);
    const a = this.finals.agent.at(-1), c = this.finals.customer.at(-1);
    if (!a || !c) return a ?? c;
    return a.end >= c.end ? a : c;
  }

  private onVad(ch: Channel, state: 'speech' | 'silence', t: number): void {
    const segs = this.segments[ch];
    const open = segs.at(-1);
    if (state === 'speech') {
      if (!open || open.end !== null) segs.push({ start: t, end: null });
      if (segs.length > KEEP_SEGMENTS) segs.shift();
    } else if (open && open.end === null) {
      open.end = Math.max(open.start, t);
    }
    this.advance(t);
  }

  private forget(u: UtteranceView): void {
    this.utterances.delete(u.id);
    this.analyses.delete(u.id);
  }
}
