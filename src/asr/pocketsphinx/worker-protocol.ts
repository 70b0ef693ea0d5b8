// Messages between the engine (main thread) and a decoding worker. One worker owns many decoders, one per
// stream; messages for a stream are handled in order, so a partial request waits for the audio before it.
import type { AsrResult } from '../types.ts';

/**
 * Slots of the shared Int32Array through which the engine tells a worker, without waiting in its message queue,
 * that a stream's utterances up to a number are no longer wanted (their final was taken from another engine):
 * slot stream % DROP_SLOTS holds that utterance number. The worker then skips their queued audio and second pass.
 */
export const DROP_SLOTS = 4096;

export type WorkerRequest =
  | { type: 'open'; stream: number; id: number }
  | { type: 'audio'; stream: number; utt: number; pcm: Int16Array }
  | { type: 'partial'; stream: number; id: number }
  | { type: 'finish'; stream: number; utt: number; id: number }
  | { type: 'close'; stream: number }
  | { type: 'sync'; id: number }
  /** Finish what is running and exit (terminating a thread inside the native decoder aborts the process). */
  | { type: 'exit' };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: AsrResult }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
