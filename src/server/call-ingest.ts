import type { CallSession, Pipeline } from '../call/pipeline.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Channel, EventSink } from '../events.ts';
import type { AdapterOutput, AudioFormat, CallEvent, ProtocolAdapter } from '../ingest/types.ts';
import type { Logger } from '../log.ts';
import type { AppMetrics } from '../metrics.ts';
import { AudioDecoder } from './audio-decoder.ts';

export interface IngestDeps {
  pipeline: Pipeline;
  clock: Clock;
  sink: EventSink;
  log: Logger;
  metrics: AppMetrics;
  /** Call ids streaming now in this process (a second stream with the same id is refused). */
  live: Set<string>;
  maxFrameBytes: number;
}

/**
 * One bridge connection: wire messages go through the protocol adapter, audio through the decoder to the
 * call session. Bad input throws an AppError for the socket layer to report and close with; whatever was
 * received before it is kept, because the session is stopped (and its events stored) on every close.
 */
export class CallIngest {
  private session: CallSession | null = null;
  private decoder: AudioDecoder | null = null;
  private callId: string | null = null;
  private paused = false;
  private closed = false;

  constructor(
    private readonly adapter: ProtocolAdapter,
    private readonly deps: IngestDeps,
    /** The bridge said stop and the call has drained: the socket layer closes the connection normally. */
    private readonly onStopped: () => void = () => {},
  ) {}

  get activeCallId(): string | null { return this.callId }

  /** Returns replies for the bridge. Throws AppError on bad input. */
  onMessage(data: string | Uint8Array, isBinary: boolean): Array<string | Uint8Array> {
    const size = typeof data === 'string' ? data.length : data.byteLength;
    if (size > this.deps.maxFrameBytes) throw new AppError('PAYLOAD_TOO_LARGE', `a frame of ${size} bytes is over the ${this.deps.maxFrameBytes}-byte limit`);
    return this.apply(this.adapter.onMessage(data, isBinary));
  }

  /** The socket closed or failed: end the call cleanly (drains the audio already received). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try { this.apply(this.adapter.onClose()) } catch { /* a close is not an error */ }
    await this.stop();
  }

  private apply(out: AdapterOutput): Array<string | Uint8Array> {
    for (const ev of out.events) this.onEvent(ev);
    return out.replies ?? [];
  }

  private onEvent(ev: CallEvent): void {
    switch (ev.kind) {
      case 'start': return this.start(ev.callId, ev.agentId, ev.customerId, ev.format);
      case 'audio': {
        if (!this.session || !this.decoder) throw new AppError('AUDIO_BEFORE_START');
        this.deps.metrics.framesIn.inc({ source: this.adapter.source });
        if (this.paused) return;
        for (const [channel, samples] of this.decoder.decode(ev.data, ev.channel)) {
          void this.session.pushAudio(channel, samples).catch((err) => this.deps.log.error({ callId: this.callId, err: (err as Error).message }, 'audio processing failed'));
        }
        return;
      }
      case 'pause': this.paused = true; return;
      case 'resume': this.paused = false; return;
      case 'dtmf': return; // digits are never logged or stored (they are often card numbers)
      case 'stop': void this.stop().then(() => this.onStopped()); return;
    }
  }

  private start(callId: string, agentId: string, customerId: string | undefined, format: AudioFormat): void {
    if (this.session) throw new AppError('BAD_MESSAGE', 'a second start message on the same stream');
    if (this.deps.live.has(callId)) throw new AppError('DUPLICATE_CALL', `call ${callId} is already streaming`);
    this.decoder = new AudioDecoder(format);
    this.callId = callId;
    this.deps.live.add(callId);
    this.deps.metrics.activeCalls.inc();
    const channels = [...new Set(format.channelMap)] as Channel[];
    this.session = this.deps.pipeline.startCall({ callId, agentId, customerId, source: this.adapter.source },
      { clock: this.deps.clock, sink: this.deps.sink, channels, sourceRateHz: format.sampleRateHz });
    this.deps.log.info({ callId, source: this.adapter.source, encoding: format.encoding, rateHz: format.sampleRateHz, channels: format.channels }, 'call started');
  }

  private async stop(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    for (const [channel, samples] of this.decoder?.flush() ?? []) void session.pushAudio(channel, samples);
    try { await session.stop() } finally {
      this.deps.live.delete(this.callId!);
      this.deps.metrics.activeCalls.dec();
      this.deps.log.info({ callId: this.callId }, 'call ended');
    }
  }
}
