// Messages between the engine (main thread) and a decoding worker. One worker owns many decoders, one per
// stream; messages for a stream are handled in order, so a partial request waits for the audio before it.
import type { AsrResult } from '../types.ts';

export type WorkerRequest =
  | { type: 'open'; stream: number; id: number }
  | { type: 'audio'; stream: number; pcm: Int16Array }
  | { type: 'partial'; stream: number; id: number }
  | { type: 'finish'; stream: number; id: number }
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
