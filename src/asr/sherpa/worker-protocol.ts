// Messages between the sherpa engine (event loop) and its decoding worker. The worker owns one sherpa
// OnlineStream per AsrStream; messages for a stream are handled in order, so a partial waits for its audio.
import type { AsrResult } from '../types.ts';

export interface SherpaWorkerInit { moduleName: string; config: Record<string, unknown>; tailPaddingS: number }

export type SherpaRequest =
  | { type: 'open'; stream: number }
  | { type: 'audio'; stream: number; samples: Float32Array }
  | { type: 'partial'; stream: number; id: number }
  | { type: 'finish'; stream: number; id: number }
  | { type: 'close'; stream: number }
  | { type: 'sync'; id: number };

export type SherpaReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: AsrResult }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
