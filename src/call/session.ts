import type { AsrResult } from '../asr/types.ts';
import type { Clock } from '../clock.ts';
import type { AssistEvent, CallSummary, Channel, EventSink, FeedbackEvent, PromptEvent, Source, Word } from '../events.ts';
import type { Logger } from '../log.ts';
import type { AppMetrics } from '../metrics.ts';
import { ChannelPipeline, RATE_HZ, round3, wordsInCallTime, type Utterance } from './channel.ts';
import { AsrLookahead, silentListener } from './lookahead.ts';
import type { CallAnalyzer, CallCoach, PromptDraft, Providers } from './providers.ts';
import { CallTimeline } from './timeline.ts';
import { WallTimeMap } from './wall-time.ts';

export interface CallInfo { callId: string; agentId: string; customerId?: string; source: Source }

export interface SessionOptions {
  clock: Clock;
  sink: EventSink;
  /** Parties present in this call's audio (a mono bridge may carry only the customer, or a mix). */
  channels: Channel[];
  /** Replay at --speed max: every step awaited in order, so the output is the same on every run. */
  deterministic?: boolean;
  /** With `deterministic`, for an engine with orderedResults: a decode-ahead copy of each channel, fed by
   *  pushAhead(), keeps the recognizer's workers busy in parallel (lookahead.ts); the output is the same as without. */
  decodeAhead?: boolean;
  prerollMs: number;
  partialEveryMs: number;
  metricsEveryMs: number;
  /** The call's audio rate on the wire (Hz), for engines that decode telephone audio differently. */
  sourceRateHz?: number;
  /** Audio queued per channel before new audio is refused (s). */
  maxBacklogS: number;
  log: Logger;
  metrics?: AppMetrics;
}

const TICK_S = 0.25;

/**
 * One call: a ChannelPipeline per party, the call timeline, analysis of each final utterance, the coach, and
 * the events that leave through the sink. Call time is audio time; the coach ticks as the slowest channel's
 * audio advances, so a replay on a virtual clock sees exactly what a live call sees.
 */
export class CallSession {
  private readonly channels = new Map<Channel, ChannelPipeline>();
  private readonly ahead = new Map<Channel, { pipeline: ChannelPipeline; lookahead: AsrLookahead }>();
  private readonly timeline = new CallTimeline();
  private readonly wall = new WallTimeMap();
  private readonly analyzer: CallAnalyzer;
  private readonly coach: CallCoach;
  private readonly pending = new Set<Promise<void>>();
  private utteranceSeq = 0;
  private promptSeq = 0;
  private nextTickT = TICK_S;
  private nextMetricsT: number;
  private readonly prompts: Record<string, number> = {};
  private readonly customerScores: number[] = [];
  private readonly agentScores: number[] = [];
  private stopped = false;
  droppedSamples = 0;
  /** Called once the call has ended (the pipeline forgets the session). */
  onStopped: () => void = () => {};

  constructor(readonly info: CallInfo, providers: Providers, private readonly opts: SessionOptions) {
    this.analyzer = providers.analyzer.forCall(info.callId);
    this.coach = providers.coach.forCall(info.callId);
    this.nextMetricsT = opts.metricsEveryMs / 1000;
    const channelOptions = { prerollMs: opts.prerollMs, partialEveryMs: opts.partialEveryMs };
    for (const ch of opts.channels) {
      let asr = providers.asr.createStream({ sourceRateHz: opts.sourceRateHz, deterministic: !!opts.deterministic });
      if (opts.deterministic && opts.decodeAhead && providers.asr.orderedResults) {
        const lookahead = new AsrLookahead(asr);
        const pipeline = new ChannelPipeline(ch, providers.vad.createStream(), lookahead.ahead, silentListener,
          { ...channelOptions, deterministic: false, nextUtteranceId: () => '' });
        this.ahead.set(ch, { pipeline, lookahead });
        asr = lookahead.behind;
      }
      this.channels.set(ch, new ChannelPipeline(ch, providers.vad.createStream(), asr, {
        vad: (c, tr) => this.emit({ type: 'vad', callId: info.callId, channel: c, state: tr.state, t: round3(tr.t) }),
        partial: (c, u, r) => this.onPartial(c, u, r),
        final: (c, u, r, audio) => this.onFinal(c, u, r, audio),
        finalPending: (c, u) => this.coach.onFinalPending?.(c, u.id, u.start),
        finalSettled: (c, u) => this.runCoach(() => this.coach.onFinalSettled?.(c, u.id) ?? []),
        asrError: (c, err) => this.onError('asr', c, err),
      }, {
        ...channelOptions, deterministic: !!opts.deterministic,
        nextUtteranceId: () => `${info.callId}-u${++this.utteranceSeq}`,
      }));
    }
    this.emit({ type: 'call.started', callId: info.callId, agentId: info.agentId,
      ...(info.customerId ? { customerId: info.customerId } : {}), source: info.source, at: opts.clock.nowMs() });
  }

  /** Audio of one party (16 kHz). Returns when processed; live callers need not wait. */
  pushAudio(channel: Channel, samples: Float32Array): Promise<void> {
    const ch = this.channels.get(channel);
    if (!ch || this.stopped) return Promise.resolve();
    if (ch.queuedSamples + samples.length > this.opts.maxBacklogS * RATE_HZ) {
      // Named overflow policy `refuse-newest`: audio already queued is kept; new audio is counted and dropped.
      this.droppedSamples += samples.length;
      this.opts.metrics?.framesDropped.inc({ reason: 'backlog' });
      return Promise.resolve();
    }
    this.wall.record(channel, (ch.processedTo + ch.queuedSamples + samples.length) / RATE_HZ, this.opts.clock.nowMs());
    return ch.push(samples).then(() => this.advance());
  }

  /** The session has decode-ahead copies (decodeAhead asked for, and an engine with orderedResults). */
  get decodesAhead(): boolean { return this.ahead.size > 0 }

  /**
   * Audio of one party for the decode-ahead copy (decodeAhead sessions): the same samples as pushAudio() gets
   * later, in the same chunks. Resolves when its VAD has run; the recognizer's work goes on in its workers.
   */
  pushAhead(channel: Channel, samples: Float32Array): Promise<void> {
    const a = this.ahead.get(channel);
    // a failed copy makes no further requests: the session's channel then gets that error, not a wait forever
    return a ? a.pipeline.push(samples).catch((err: unknown) => a.lookahead.end(err)) : Promise.resolve();
  }

  /** Ends the call: drains every channel, waits for analysis, and emits call.ended. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // the decode-ahead copies end first: their last finals are what the session's channels take last
    const aheadEnded = [...this.ahead.values()].map((a) => a.pipeline.end().finally(() => a.lookahead.end()));
    await Promise.all([...aheadEnded, ...[...this.channels.values()].map((c) => c.end())]);
    await this.drain();
    const t = this.callTime();
    this.runCoach(() => this.coach.onTick(t));
    this.runCoach(() => this.coach.onEnd(t));
    const snap = this.timeline.snapshot(t);
    const summary: CallSummary = {
      durationS: round3(t), talkRatio: roundAll(snap.talkRatio), silenceS: round3(snap.silenceS),
      overtalkS: round3(snap.overtalkS), utterances: this.utteranceSeq, prompts: { ...this.prompts },
      sentiment: {
        customerStart: this.customerScores.length ? round3(mean(this.customerScores.slice(0, 3))) : null,
        customerEnd: this.customerScores.length ? round3(mean(this.customerScores.slice(-3))) : null,
        agentMean: this.agentScores.length ? round3(mean(this.agentScores)) : null,
      },
      agentWpm: Math.round(snap.agentWpm),
      droppedAudioS: round3(this.droppedSamples / RATE_HZ),
    };
    this.emit({ type: 'call.ended', callId: this.info.callId, t: round3(t), summary });
    this.analyzer.end();
    this.onStopped();
  }

  /** Waits for analysis started by finals (live mode runs it beside the audio). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Call time that every channel has reached (s). */
  callTime(): number {
    let t = Infinity;
    for (const c of this.channels.values()) t = Math.min(t, c.processedT);
    return Number.isFinite(t) ? t : 0;
  }

  private advance(): void {
    const t = this.callTime();
    while (t >= this.nextTickT) {
      const tick = this.nextTickT;
      this.nextTickT = round3(this.nextTickT + TICK_S);
      this.runCoach(() => this.coach.onTick(tick));
      if (tick >= this.nextMetricsT) {
        this.nextMetricsT += this.opts.metricsEveryMs / 1000;
        this.emitMetrics(tick);
      }
    }
  }

  private emitMetrics(t: number): void {
    const s = this.timeline.snapshot(t);
    this.emit({ type: 'metrics', callId: this.info.callId, t: round3(t), talkRatio: roundAll(s.talkRatio),
      silenceS: round3(s.silenceS), overtalkS: round3(s.overtalkS), agentWpm: Math.round(s.agentWpm),
      sentimentTrend: roundAll(s.sentimentTrend) });
  }

  private onPartial(channel: Channel, u: Utterance, r: AsrResult): void {
    const end = (u.fedTo) / RATE_HZ;
    this.emit({ type: 'transcript', callId: this.info.callId, channel, utteranceId: u.id,
      text: this.analyzer.redact(r.text, end), final: false, start: round3(u.start), end: round3(end) });
  }

  private async onFinal(channel: Channel, u: Utterance, r: AsrResult, audio: Float32Array): Promise<void> {
    const text = r.text.trim();
    if (!text) return; // a VAD segment the recognizer heard no words in (a cough, line noise)
    this.timeline.onFinal(channel, text);
    const timed = wordsInCallTime(u, r);
    const redactedWords = timed && this.analyzer.redactWords(timed.map((w) => w.w), u.end);
    const words = timed?.map((w, i) => ({ ...w, w: redactedWords![i] }));
    this.emit({ type: 'transcript', callId: this.info.callId, channel, utteranceId: u.id,
      text: this.analyzer.redact(text, u.end), final: true, start: round3(u.start), end: round3(u.end), ...(words ? { words } : {}) });
    const job = this.analyze(channel, u, text, words, audio);
    if (this.opts.deterministic) { await job; return }
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  private async analyze(channel: Channel, u: Utterance, text: string, words: Word[] | undefined, audio: Float32Array): Promise<void> {
    const t0 = performance.now();
    try {
      const a = await this.analyzer.analyze({ callId: this.info.callId, channel, utteranceId: u.id, text,
        start: u.start, end: u.end, words, audio });
      this.opts.metrics?.analysisLatency.observe(performance.now() - t0);
      const score = round3(a.sentiment.score);
      (channel === 'customer' ? this.customerScores : this.agentScores).push(score);
      this.timeline.onSentiment(channel, score, u.end - u.start);
      this.emit({ type: 'analysis', callId: this.info.callId, channel, utteranceId: u.id,
        sentiment: { label: a.sentiment.label, score }, emotion: { label: a.emotion.label, score: round3(a.emotion.score) },
        ...(a.arousal !== undefined ? { arousal: round3(a.arousal) } : {}),
        ...(a.intents.length ? { intents: a.intents } : {}), ...(a.lifeEvents.length ? { lifeEvents: a.lifeEvents } : {}) });
    } catch (err) {
      this.onError('analysis', channel, err);
    }
  }

  private onError(stage: string, channel: Channel, err: unknown): void {
    const code = (err as { code?: string })?.code ?? 'INTERNAL';
    this.opts.metrics?.errors.inc({ code });
    this.opts.log.warn({ callId: this.info.callId, channel, stage, code, err: (err as Error)?.message }, 'stage failed for one utterance');
  }

  private emit(ev: AssistEvent): void {
    this.opts.sink.publish(ev);
    if (ev.type === 'vad') this.timeline.onVad(ev.channel, ev.state, ev.t);
    if (ev.type === 'call.started' || ev.type === 'call.ended' || ev.type === 'prompt') return;
    this.runCoach(() => this.coach.onEvent(ev));
  }

  private runCoach(fn: () => PromptDraft[]): void {
    let drafts: PromptDraft[];
    try { drafts = fn() } catch (err) { this.onError('coach', 'agent', err); return }
    for (const d of drafts) {
      const at = this.wall.wallAt(d.triggerT);
      const latencyMs = at === undefined ? 0 : Math.max(0, Math.round(this.opts.clock.nowMs() - at));
      const ev: PromptEvent = { type: 'prompt', callId: this.info.callId, promptId: `${this.info.callId}-p${++this.promptSeq}`,
        rule: d.rule, severity: d.severity, title: d.title, body: d.body, evidence: d.evidence, t: round3(d.t), latencyMs };
      this.prompts[d.rule] = (this.prompts[d.rule] ?? 0) + 1;
      this.opts.metrics?.promptLatency.observe({ rule: d.rule }, latencyMs);
      this.opts.sink.publish(ev);
      this.runCoach(() => this.coach.onEvent(ev)); // the coach tracks what it already said
    }
  }

  /** The agent acknowledged or dismissed a prompt: a dismissal can mute that rule for a while in this call. */
  feedback(ev: FeedbackEvent): void {
    if (!this.stopped) this.runCoach(() => this.coach.onEvent(ev));
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round3(v)])) as T;
}
