import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Prometheus metrics of one process. A registry per app instance so tests can build several apps.
export interface AppMetrics {
  registry: Registry;
  activeCalls: Gauge;
  framesIn: Counter<'source'>;
  framesDropped: Counter<'reason'>;
  deliverDropped: Counter<'policy'>;
  vadLatency: Histogram;
  asrLatency: Histogram<'kind'>;
  analysisLatency: Histogram;
  promptLatency: Histogram<'rule'>;
  errors: Counter<'code'>;
  asrOverflow: Counter;
}

const MS_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

export function createMetrics(withDefaults = true): AppMetrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  const r = [registry];
  return {
    registry,
    activeCalls: new Gauge({ name: 'agent_assist_active_calls', help: 'Calls streaming now', registers: r }),
    framesIn: new Counter({ name: 'agent_assist_frames_in_total', help: 'Audio frames received', labelNames: ['source'], registers: r }),
    framesDropped: new Counter({ name: 'agent_assist_frames_dropped_total', help: 'Audio frames dropped, by reason', labelNames: ['reason'], registers: r }),
    deliverDropped: new Counter({ name: 'agent_assist_deliver_dropped_total', help: 'Events dropped for slow consumers, by overflow policy', labelNames: ['policy'], registers: r }),
    vadLatency: new Histogram({ name: 'agent_assist_vad_latency_ms', help: 'VAD model time per window (ms)', buckets: MS_BUCKETS, registers: r }),
    asrLatency: new Histogram({ name: 'agent_assist_asr_latency_ms', help: 'Recognizer time to a partial or final (ms)', labelNames: ['kind'], buckets: MS_BUCKETS, registers: r }),
    analysisLatency: new Histogram({ name: 'agent_assist_analysis_latency_ms', help: 'Analysis time after a final transcript (ms)', buckets: MS_BUCKETS, registers: r }),
    promptLatency: new Histogram({ name: 'agent_assist_prompt_latency_ms', help: 'Trigger end to prompt hand-off (ms)', labelNames: ['rule'], buckets: MS_BUCKETS, registers: r }),
    asrOverflow: new Counter({ name: 'agent_assist_asr_overflow_utterances_total', help: 'Live utterances decoded by the overflow engine because the recognizer lagged', registers: r }),
    errors: new Counter({ name: 'agent_assist_errors_total', help: 'Errors by code', labelNames: ['code'], registers: r }),
  };
}
