import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { loadConfig, type AppConfig, type ConfigInput } from '../config.ts';
import { systemClock, type Clock } from '../clock.ts';
import { DeliveryHub } from '../deliver/hub.ts';
import { AppError } from '../errors.ts';
import type { AssistEvent, EventSink } from '../events.ts';
import { adapterFor, STREAM_PATHS } from '../ingest/index.ts';
import { createLogger, type Logger } from '../log.ts';
import { createMetrics, type AppMetrics } from '../metrics.ts';
import { createPipeline, type Pipeline, type PipelineOptions } from '../call/pipeline.ts';
import type { CallStore } from '../store/types.ts';
import { CallIngest } from './call-ingest.ts';
import { handleDesktopMessage } from './desktop.ts';
import { registerApi } from './api-wiring.ts';

export interface BuildOptions {
  config?: ConfigInput;
  log?: Logger;
  clock?: Clock;
  /** Injected stages (tests); the rest load from the model folders. */
  providers?: PipelineOptions['providers'];
  pipeline?: Pipeline;
  store?: CallStore | null;
}

export interface App {
  fastify: FastifyInstance<any, any, any, any>;
  log: Logger;
  config: AppConfig;
  hub: DeliveryHub;
  pipeline: Pipeline;
  store: CallStore | null;
  metrics: AppMetrics;
  sink: EventSink;
  /** Ingests of live calls (for the AudioSocket TCP server and shutdown). */
  live: Set<string>;
  close(): Promise<void>;
}

/** Builds the server without listening: tests drive it with inject() or listen on port 0. */
export async function build(opts: BuildOptions = {}): Promise<App> {
  const config = loadConfig(opts.config ?? {});
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const metrics = createMetrics();
  const store = opts.store !== undefined ? opts.store
    : await (await import('../store/index.ts')).openStore({ url: config.store.url, sqlitePath: config.store.sqlitePath });
  if (store) {
    const purged = await store.purgeOlderThan(config.store.retentionDays);
    if (purged > 0) log.info({ purged }, 'retention: old calls purged');
  }
  const pipeline = opts.pipeline ?? await createPipeline(config, log, {
    providers: opts.providers, metrics, history: store ? (id) => store.getHistory(id, 5) : undefined,
  });
  const hub = new DeliveryHub(config.deliver.queueLimit, (policy) => metrics.deliverDropped.inc({ policy }));
  const sink: EventSink = {
    // Stored first, then delivered: whatever a desktop has seen is already committed, even if the process is
    // killed the next instant (a SQLite write is ~0.05 ms; measured in test/store/publish-cost.test.ts).
    publish(ev: AssistEvent) {
      if (store) {
        try { store.publish(ev) } catch (err) { metrics.errors.inc({ code: 'STORE' }); log.error({ err: (err as Error).message }, 'store write failed') }
      }
      hub.publish(ev);
    },
  };
  const live = new Set<string>();

  const fastify = Fastify({ loggerInstance: log, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 200 * 1024 * 1024 });
  await fastify.register(websocket, {
    options: {
      maxPayload: config.ingest.maxFrameBytes,
      // FreeSWITCH mod_audio_fork and jambonz ask for these subprotocols; plain clients ask for none.
      handleProtocols: (protocols: Set<string>) => ['audio.drachtio.org', 'audio.jambonz.org'].find((p) => protocols.has(p)) ?? false,
    },
  });

  for (const page of ['desktop', 'supervisor'] as const) {
    const html = readFileSync(new URL(`../../public/${page}.html`, import.meta.url), 'utf8');
    fastify.get(`/${page}`, async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  }
  fastify.get('/', async (_req, reply) => reply.redirect('/desktop'));

  fastify.get('/healthz', async () => ({ status: 'ok', asrEngine: pipeline.providers.asr.name, activeCalls: live.size }));
  fastify.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  const ingestDeps = { pipeline, clock, sink, log, metrics, live, maxFrameBytes: config.ingest.maxFrameBytes };
  for (const path of STREAM_PATHS) {
    fastify.get(path, { websocket: true }, (socket: WebSocket) => serveBridge(socket, new CallIngest(adapterFor(path), ingestDeps, () => socket.close(1000, 'call ended')), log, metrics));
  }

  fastify.get('/v1/desktop', { websocket: true }, (socket: WebSocket, req) => {
    const agentId = (req.query as Record<string, string | undefined>).agentId;
    if (!agentId) { sendError(socket, new AppError('UNAUTHORIZED', 'agentId is required: /v1/desktop?agentId=<id>')); return }
    const sub = hub.subscribe('desktop', socket, agentId);
    socket.on('message', (data: Buffer) => handleDesktopMessage(data, { pipeline, agentId, hub, store, clock, socket, log }));
    socket.on('close', () => sub.close());
  });
  fastify.get('/v1/supervisor', { websocket: true }, (socket: WebSocket) => {
    const sub = hub.subscribe('supervisor', socket);
    socket.on('close', () => sub.close());
  });

  await registerApi(fastify, { store, pipeline, sink, clock, config });

  return {
    fastify, log, config, hub, pipeline, store, metrics, sink, live,
    async close() {
      await fastify.close();
      await pipeline.close();
      if (store) { await store.flush(); await store.close() }
    },
  };
}

/** Wire one bridge socket to its ingest: replies back, errors as a JSON message and a close code. */
export function serveBridge(socket: WebSocket, ingest: CallIngest, log: Logger, metrics: AppMetrics): void {
  let failed = false;
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (failed) return;
    try {
      const payload = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString('utf8');
      for (const reply of ingest.onMessage(payload, isBinary)) socket.send(reply);
    } catch (err) {
      failed = true;
      const e = err instanceof AppError ? err : new AppError('INTERNAL', undefined, { cause: err });
      metrics.errors.inc({ code: e.code });
      log.warn({ callId: ingest.activeCallId, code: e.code }, 'bridge input refused');
      sendError(socket, e);
      void ingest.close();
    }
  });
  socket.on('close', () => { void ingest.close() });
  socket.on('error', () => { void ingest.close() });
}

export function sendError(socket: WebSocket, e: AppError): void {
  try { socket.send(JSON.stringify(e.toJSON())) } catch { /* socket already gone */ }
  socket.close(e.closeCode, e.code);
}
