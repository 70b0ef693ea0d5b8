import { randomUUID } from 'node:crypto';
import type { Pipeline } from '../call/pipeline.ts';
import type { EventSink } from '../events.ts';
import { replayRecording } from './run.ts';
import { parseWav } from './wav.ts';

/**
 * A WAV uploaded over HTTP: checked at once (a bad file is refused before anything starts), then replayed in
 * the background at full speed; its events reach the store (and supervisors) like a live call's.
 */
export async function replayUpload(file: Buffer, o: { pipeline: Pipeline; sink: EventSink; customerId?: string; agentId?: string }): Promise<{ callId: string; done: Promise<void> }> {
  const wav = parseWav(file, 'upload');
  const callId = `replay-${randomUUID()}`;
  const done = replayRecording(wav, { pipeline: o.pipeline, sink: o.sink, callId, agentId: o.agentId ?? 'replay', customerId: o.customerId, speed: 'max', startAtMs: Date.now() });
  done.catch(() => undefined);
  return { callId, done };
}
