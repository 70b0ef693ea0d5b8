import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.ts';
import { renderCallReport } from '../report/call-report.ts';
import type { CallStore } from '../store/types.ts';

export interface ApiDeps {
  store: CallStore;
  /** Starts a replay of an uploaded WAV through the pipeline; its events go to the store. */
  replay?: (file: Buffer, opts: { customerId?: string; agentId?: string }) => Promise<{ callId: string }>;
}

const errorSchema = { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } };
const callSchema = {
  type: 'object', additionalProperties: true,
  properties: { callId: { type: 'string' }, agentId: { type: 'string' }, customerId: { type: ['string', 'null'] }, source: { type: 'string' },
    startedAt: { type: 'number' }, endedAt: { type: ['number', 'null'] }, durationS: { type: ['number', 'null'] },
    reason: { type: ['string', 'null'] }, outcome: { type: ['string', 'null'] }, summary: { type: ['object', 'null'], additionalProperties: true } },
};

function fail(reply: FastifyReply, status: number, e: AppError) {
  return reply.code(status).send({ error: { code: e.code, message: e.message } });
}

/** The HTTP API: calls, their events and reports, prompt feedback and replay uploads; OpenAPI at /openapi.json. */
export async function apiRoutes(app: FastifyInstance<any, any, any, any>, deps: ApiDeps): Promise<void> {
  await app.register(swagger, { openapi: { info: { title: 'agent-assist', version: '0.1.0', description: 'Calls, reports and replays of the agent-assist server' } } });
  app.addContentTypeParser(['audio/wav', 'audio/x-wav', 'audio/wave', 'application/octet-stream'], { parseAs: 'buffer' }, (_req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => done(null, body));

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/v1/calls', {
    schema: { summary: 'List calls, newest first', querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, offset: { type: 'integer', minimum: 0, default: 0 }, customerId: { type: 'string' }, agentId: { type: 'string' } } },
      response: { 200: { type: 'object', properties: { calls: { type: 'array', items: callSchema } } } } },
  }, async (req: any) => ({ calls: await deps.store.listCalls(req.query) }));

  app.get('/v1/calls/:id', {
    schema: { summary: 'A call with its events', params: { type: 'object', properties: { id: { type: 'string' } } },
      response: { 200: { type: 'object', properties: { call: callSchema, events: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, 404: errorSchema } },
  }, async (req: any, reply) => {
    const call = await deps.store.getCall(req.params.id);
    if (!call) return fail(reply, 404, new AppError('NOT_FOUND', `no call ${req.params.id}`));
    return { call, events: await deps.store.getCallEvents(req.params.id) };
  });

  app.get('/v1/calls/:id/report', {
    schema: { summary: 'The call report: a self-contained HTML page', params: { type: 'object', properties: { id: { type: 'string' } } }, produces: ['text/html'] },
  }, async (req: any, reply) => {
    const events = await deps.store.getCallEvents(req.params.id);
    if (!events.length) return fail(reply, 404, new AppError('NOT_FOUND', `no call ${req.params.id}`));
    return reply.type('text/html; charset=utf-8').send(renderCallReport(events));
  });

  app.post('/v1/calls/:id/feedback', {
    schema: { summary: "The agent's feedback on a prompt", params: { type: 'object', properties: { id: { type: 'string' } } },
      body: { type: 'object', required: ['promptId', 'action'], properties: { promptId: { type: 'string' }, action: { type: 'string', enum: ['ack', 'dismiss'] } } },
      response: { 204: { type: 'null' }, 404: errorSchema } },
  }, async (req: any, reply) => {
    if (!(await deps.store.getCall(req.params.id))) return fail(reply, 404, new AppError('NOT_FOUND', `no call ${req.params.id}`));
    await deps.store.recordFeedback(req.params.id, req.body.promptId, req.body.action);
    return reply.code(204).send();
  });

  app.post('/v1/replays', {
    schema: { summary: 'Upload a WAV recording (body: audio/wav) to replay through the pipeline; fetch the result with GET /v1/calls/{callId}',
      querystring: { type: 'object', properties: { customerId: { type: 'string' }, agentId: { type: 'string' } } },
      response: { 202: { type: 'object', properties: { callId: { type: 'string' }, status: { type: 'string' } } }, 400: errorSchema, 503: errorSchema } },
  }, async (req: any, reply) => {
    if (!deps.replay) return fail(reply, 503, new AppError('INTERNAL', 'replay is not available on this server'));
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return fail(reply, 400, new AppError('BAD_REQUEST', 'send the WAV file as the request body (Content-Type: audio/wav)'));
    try {
      const { callId } = await deps.replay(req.body, { customerId: req.query.customerId, agentId: req.query.agentId });
      return reply.code(202).send({ callId, status: 'processing' });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('BAD_REQUEST', (err as Error).message);
      return fail(reply, 400, e);
    }
  });
}
