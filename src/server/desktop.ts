import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Pipeline } from '../call/pipeline.ts';
import type { Clock } from '../clock.ts';
import type { DeliveryHub } from '../deliver/hub.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { CallStore } from '../store/types.ts';

const feedbackSchema = z.object({
  type: z.literal('feedback'), callId: z.string().min(1), promptId: z.string().min(1), action: z.enum(['ack', 'dismiss']),
});

export interface DesktopContext { pipeline: Pipeline; agentId: string; hub: DeliveryHub; store: CallStore | null; clock: Clock; socket: WebSocket; log: Logger }

/** A message from an agent desktop: prompt feedback (acknowledge / dismiss), kept with the call. */
export function handleDesktopMessage(data: Buffer, ctx: DesktopContext): void {
  let msg: z.infer<typeof feedbackSchema>;
  try {
    msg = feedbackSchema.parse(JSON.parse(data.toString('utf8')));
  } catch {
    ctx.socket.send(JSON.stringify(new AppError('BAD_MESSAGE', 'expected {"type":"feedback","callId","promptId","action":"ack"|"dismiss"}').toJSON()));
    return;
  }
  const owner = ctx.hub.agentOf(msg.callId);
  if (owner !== undefined && owner !== ctx.agentId) {
    ctx.socket.send(JSON.stringify(new AppError('UNAUTHORIZED', 'this call belongs to another agent').toJSON()));
    return;
  }
  const at = ctx.clock.nowMs();
  const ev = { type: 'feedback' as const, callId: msg.callId, promptId: msg.promptId, action: msg.action, at };
  ctx.hub.publish(ev);
  ctx.pipeline.sessions.get(msg.callId)?.feedback(ev);
  if (ctx.store) {
    ctx.store.recordFeedback(msg.callId, msg.promptId, msg.action).catch((err: Error) => ctx.log.warn({ err: err.message }, 'feedback not stored'));
  }
}
