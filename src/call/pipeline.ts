import type { AppConfig } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Channel, EventSink, HistoryEvent, Source } from '../events.ts';
import type { Logger } from '../log.ts';
import type { AppMetrics } from '../metrics.ts';
import { loadProviders } from './load-providers.ts';
import type { Providers } from './providers.ts';
import { CallSession, type CallInfo } from './session.ts';

export type { CallSession };



/** Everything a call needs that is loaded once per process: the models behind the stages. */
export interface Pipeline {
  readonly providers: Providers;
  startCall(info: CallInfo & { source: Source }, opts: StartOptions): CallSession;
  /** Live sessions by call id (for messages from desktops about a running call). */
  readonly sessions: ReadonlyMap<string, CallSession>;
  close(): Promise<void>;
}

export interface StartOptions {
  clock: Clock;
  sink: EventSink;
  channels?: Channel[];
  deterministic?: boolean;
  /** With `deterministic`: decode ahead of the session (replay at --speed max; see lookahead.ts). */
  decodeAhead?: boolean;
  /** The call's audio rate on the wire (Hz). */
  sourceRateHz?: number;
}

export interface PipelineOptions {
  /** Replace some stages (tests use fakes around the models). */
  providers?: Partial<Providers>;
  metrics?: AppMetrics;
  /** The customer's last calls, published as a `history` event at call start. */
  history?: (customerId: string) => Promise<HistoryEvent['calls']>;
}

export async function createPipeline(config: AppConfig, log: Logger, opts: PipelineOptions = {}): Promise<Pipeline> {
  const metrics = opts.metrics;
  const providers = await loadProviders(config, log, opts.providers ?? {}, { onOverflow: () => metrics?.asrOverflow.inc() });
  const sessions = new Map<string, CallSession>();
  return {
    providers,
    sessions,
    startCall(info, start) {
      const session = new CallSession(info, providers, {
        clock: start.clock, sink: start.sink, channels: start.channels ?? ['customer', 'agent'],
        deterministic: start.deterministic, decodeAhead: start.decodeAhead, sourceRateHz: start.sourceRateHz, prerollMs: config.asr.prerollMs, partialEveryMs: config.asr.partialEveryMs,
        metricsEveryMs: config.metricsEveryMs, maxBacklogS: config.ingest.maxBacklogS, log, metrics: opts.metrics,
      });
      sessions.set(info.callId, session);
      session.onStopped = () => { if (sessions.get(info.callId) === session) sessions.delete(info.callId) };
      if (info.customerId && opts.history) {
        const customerId = info.customerId;
        opts.history(customerId).then(
          (calls) => start.sink.publish({ type: 'history', callId: info.callId, customerId, calls }),
          (err) => log.warn({ callId: info.callId, err: (err as Error).message }, 'customer history unavailable'),
        );
      }
      return session;
    },
    async close() { await providers.asr.close() },
  };
}
