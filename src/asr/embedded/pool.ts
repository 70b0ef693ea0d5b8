// A fixed pool of inference workers shared by every stream of an engine. Jobs go to the worker with the
// fewest jobs in flight; a worker that dies fails only its own jobs and is replaced once.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { BeamOptions } from './ctc-beam.ts';
import type { Emission } from './ctc-greedy.ts';
import type { ModelFiles, ModelState } from './model-config.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

export interface RunResult { outFrames: number; logprobs: Float32Array; state: ModelState }

interface Pending { resolve: (v: never) => void; reject: (e: unknown) => void }
interface Slot { worker: Worker; inFlight: Map<number, Pending>; restarts: number }

export class InferencePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(private readonly files: ModelFiles, private readonly beam: BeamOptions | undefined) {}

  static async start(files: ModelFiles, workers: number, beam?: BeamOptions): Promise<InferencePool> {
    const pool = new InferencePool(files, beam);
    try {
      await Promise.all(Array.from({ length: Math.max(1, workers) }, () => pool.spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private spawn(restarts = 0): Promise<Slot> {
    const c = this.files.config;
    const init = {
      modelPath: this.files.modelPath, lmPath: this.beam ? this.files.lmPath : undefined, alphabet: c.alphabet, blank: c.blank,
      nMels: c.features.nMels, subsampling: c.model.subsampling, states: c.model.states,
    };
    const worker = new Worker(new URL('../../worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./worker.ts', import.meta.url).href, init },
    });
    const slot: Slot = { worker, inFlight: new Map(), restarts };
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (msg: WorkerReply) => {
        if (msg.type === 'ready') { ready = true; this.slots.push(slot); resolve(slot); return }
        if (msg.type === 'fatal') { reject(new AppError('MODEL_UNAVAILABLE', `embedded ASR: cannot load ${this.files.modelPath}: ${msg.message}`)); void worker.terminate(); return }
        const p = slot.inFlight.get(msg.id);
        if (!p) return;
        slot.inFlight.delete(msg.id);
        if (msg.type === 'error') p.reject(new AppError('INTERNAL', `embedded ASR inference failed: ${msg.message}`));
        else p.resolve(msg as never);
      });
      const onDeath = (err: unknown): void => {
        if (!ready) { reject(new AppError('MODEL_UNAVAILABLE', `embedded ASR worker failed to start: ${String(err)}`)); return }
        const at = this.slots.indexOf(slot);
        if (at < 0) return; // already handled (an 'error' is followed by 'exit')
        this.slots.splice(at, 1);
        for (const p of slot.inFlight.values()) p.reject(new AppError('INTERNAL', 'embedded ASR worker stopped'));
        slot.inFlight.clear();
        if (!this.closed && slot.restarts < 1) this.spawn(slot.restarts + 1).catch(() => { /* pool runs smaller */ });
      };
      worker.on('error', onDeath);
      worker.on('exit', (code) => { if (!this.closed) onDeath(new Error(`exit ${code}`)) });
    });
  }

  private send<T>(req: WorkerRequest, transfer: ArrayBuffer[]): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'embedded ASR engine is closed'));
    if (this.slots.length === 0) return Promise.reject(new AppError('INTERNAL', 'embedded ASR has no running worker'));
    let slot = this.slots[0];
    for (const s of this.slots) if (s.inFlight.size < slot.inFlight.size) slot = s;
    return new Promise<T>((resolve, reject) => {
      slot.inFlight.set(req.id, { resolve: resolve as (v: never) => void, reject });
      slot.worker.postMessage(req, transfer);
    });
  }

  /** One streaming step: frames x nMels normalised features (frames % 4 == 0) and the stream's state. */
  run(feats: Float32Array, frames: number, state: ModelState): Promise<RunResult> {
    const id = this.nextId++;
    const transfer = [feats, ...Object.values(state)].map((a) => a.buffer as ArrayBuffer);
    return this.send<RunResult>({ type: 'run', id, frames, feats, state }, transfer);
  }

  /** Beam search with the word LM over a whole utterance's log-probs (in a worker). */
  async beamSearch(logprobs: Float32Array, frames: number, options: BeamOptions): Promise<Emission[]> {
    const id = this.nextId++;
    const reply = await this.send<{ emissions: Emission[] }>({ type: 'beam', id, frames, logprobs, options }, [logprobs.buffer as ArrayBuffer]);
    return reply.emissions;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) for (const p of s.inFlight.values()) p.reject(new AppError('INTERNAL', 'embedded ASR engine closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
