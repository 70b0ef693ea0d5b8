// Messages between the inference pool (event loop) and its workers. Float32Array buffers are transferred,
// not copied.
import type { BeamOptions } from './ctc-beam.ts';
import type { Emission } from './ctc-greedy.ts';
import type { ModelState } from './model-config.ts';

export type WorkerRequest =
  | { type: 'run'; id: number; frames: number; feats: Float32Array; state: ModelState }
  | { type: 'beam'; id: number; frames: number; logprobs: Float32Array; options: BeamOptions };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; outFrames: number; logprobs: Float32Array; state: ModelState }
  | { type: 'beam'; id: number; emissions: Emission[] }
  | { type: 'error'; id: number; message: string };
