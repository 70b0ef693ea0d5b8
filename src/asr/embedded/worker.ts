// Inference worker (runs inside a worker_threads Worker started through src/worker-boot.mjs). Holds one
// onnxruntime session with a single intra-op thread, and optionally the word LM for the final beam search,
// so neither the model nor the beam search ever runs on the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { beamSearch, type BeamOptions, type WordLm } from './ctc-beam.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

interface Init { modelPath: string; lmPath?: string; alphabet: string[]; blank: number; nMels: number; subsampling: number; states: Array<{ name: string; shape: number[] }>; beam?: BeamOptions }
const init = workerData.init as Init;
const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

let session: ort.InferenceSession;
let lm: WordLm | undefined;

async function start(): Promise<void> {
  try {
    session = await ort.InferenceSession.create(init.modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
    if (init.lmPath) lm = JSON.parse(readFileSync(init.lmPath, 'utf8')) as WordLm;
    port!.postMessage({ type: 'ready' } satisfies WorkerReply);
  } catch (err) {
    port!.postMessage({ type: 'fatal', message: String((err as Error)?.message ?? err) } satisfies WorkerReply);
  }
}

async function run(req: Extract<WorkerRequest, { type: 'run' }>): Promise<void> {
  const { frames, feats, state } = req;
  const feeds: Record<string, ort.Tensor> = { feats: new ort.Tensor('float32', feats, [1, frames, init.nMels]) };
  for (const s of init.states) feeds[s.name] = new ort.Tensor('float32', state[s.name], s.shape);
  const out = await session.run(feeds);
  const copy = (name: string): Float32Array => new Float32Array(out[name].data as Float32Array);
  const next: Record<string, Float32Array> = {};
  for (const s of init.states) next[s.name] = copy(`${s.name}_out`);
  const reply: WorkerReply = { type: 'result', id: req.id, outFrames: frames / init.subsampling, logprobs: copy('logprobs'), state: next };
  const buffers = [reply.logprobs, ...Object.values(next)].map((a) => a.buffer as ArrayBuffer);
  port!.postMessage(reply, buffers);
}

port.on('message', (req: WorkerRequest) => {
  const fail = (err: unknown): void => port.postMessage({ type: 'error', id: req.id, message: String((err as Error)?.message ?? err) } satisfies WorkerReply);
  if (req.type === 'run') {
    run(req).catch(fail);
  } else if (req.type === 'beam') {
    try {
      const emissions = beamSearch(req.logprobs, req.frames, init.alphabet, init.blank, lm, req.options);
      port.postMessage({ type: 'beam', id: req.id, emissions } satisfies WorkerReply);
    } catch (err) { fail(err) }
  }
});

void start();
