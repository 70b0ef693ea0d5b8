import type { FastifyInstance } from 'fastify';
import type { Pipeline } from '../call/pipeline.ts';
import type { Clock } from '../clock.ts';
import type { AppConfig } from '../config.ts';
import type { EventSink } from '../events.ts';
import type { CallStore } from '../store/types.ts';

export interface ApiDeps { store: CallStore | null; pipeline: Pipeline; sink: EventSink; clock: Clock; config: AppConfig }

/** The HTTP API (calls, reports, replay uploads) needs the store; without one only the live sockets run. */
export async function registerApi(app: FastifyInstance<any, any, any, any>, deps: ApiDeps): Promise<void> {
  if (!deps.store) return;
  const { apiRoutes } = await import('./api.ts');
  const { replayUpload } = await import('../replay/upload.ts');
  await apiRoutes(app, { store: deps.store, replay: (file: Buffer, opts: Record<string, unknown> = {}) => replayUpload(file, { ...opts, pipeline: deps.pipeline, sink: deps.sink }) });
}
