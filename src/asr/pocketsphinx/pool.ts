// A bounded pool of decoding workers. A stream is pinned to one worker for its life (its decoder lives
// there); new streams go to the worker with the fewest streams. A worker that dies fails its own requests.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { AsrResult } from '../types.ts';
import type { DecoderSpec } from './config.ts';
import { DROP_SLOTS, type WorkerReply, type WorkerRequest } from './worker-protocol.ts';

interface Pending { resolve: (v: AsrResult | undefined) => void; reject: (e: unknown) => void; sentAt: number }
export interface Slot {
  worker: Worker; streams: number; pending: Map<number, Pending>; alive: boolean;
  /** Streams of this worker in the middle of an utterance (audio still coming): its decoding load now. */
  speaking: number;
  /** Shared with the worker: utterances no longer wanted, per stream (worker-protocol.ts DROP_SLOTS). */
  dropped: Int32Array;
}

export class DecoderPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  /** `spareDecoders`: decoders each worker makes ready after start-up for the first streams. */
  static async start(spec: DecoderSpec, workers: number, spareDecoders = 1): Promise<DecoderPool> {
    const pool = new DecoderPool();
    const started = await Promise.allSettled(Array.from({ length: Math.max(1, workers) }, () => pool.spawn(spec, spareDecoders)));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      await pool.close();
      throw (failed as PromiseRejectedResult).reason;
    }
    return pool;
  }

  private spawn(spec: DecoderSpec, spareDecoders: number): Promise<void> {
    const dropped = new Int32Array(new SharedArrayBuffer(4 * DROP_SLOTS));
    const worker = new Worker(new URL('../../worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./worker.ts', import.meta.url).href, spec, spareDecoders, dropped },
    });
    const slot: Slot = { worker, streams: 0, pending: new Map(), alive: false, speaking: 0, dropped };
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: WorkerReply) => {
        if (msg.type === 'ready') { slot.alive = true; this.slots.push(slot); resolve(); return }
        if (msg.type === 'fatal') {
          reject(new AppError('ENGINE_UNAVAILABLE', `pocketsphinx could not load its models: ${msg.message}`));
          void worker.terminate();
          return;
        }
        const p = slot.pending.get(msg.id);
        if (!p) return;
        slot.pending.delete(msg.id);
        if (msg.type === 'error') p.reject(new AppError('INTERNAL', `pocketsphinx decoding failed: ${msg.message}`));
        else p.resolve(msg.type === 'result' ? msg.result : undefined);
      });
      const onDeath = (err: unknown): void => {
        if (!slot.alive) { reject(err instanceof AppError ? err : new AppError('ENGINE_UNAVAILABLE', `pocketsphinx worker failed to start: ${String(err)}`)); return }
        slot.alive = false;
        for (const p of slot.pending.values()) p.reject(new AppError('INTERNAL', 'pocketsphinx worker stopped'));
        slot.pending.clear();
      };
      worker.on('error', onDeath);
      worker.on('exit', (code) => { if (!this.closed) onDeath(new Error(`exit ${code}`)) });
    });
  }

  /** Pins a new stream to the least-loaded live worker. */
  attach(stream: number): Slot {
    const live = this.slots.filter((s) => s.alive);
    if (this.closed || live.length === 0) throw new AppError('INTERNAL', 'pocketsphinx has no running worker');
    const slot = live.reduce((a, b) => (b.streams < a.streams ? b : a));
    slot.streams++;
    // a request, so that the decoder's making counts in the worker's lag; its failure shows in the next request
    this.request(slot, (id) => ({ type: 'open', stream, id })).catch(() => {});
    return slot;
  }

  detach(slot: Slot, stream: number): void {
    slot.streams--;
    this.post(slot, { type: 'close', stream });
  }

  post(slot: Slot, msg: WorkerRequest, transfer: ArrayBuffer[] = []): void {
    if (slot.alive) slot.worker.postMessage(msg, transfer);
  }

  request(slot: Slot, make: (id: number) => WorkerRequest): Promise<AsrResult | undefined> {
    if (!slot.alive) return Promise.reject(new AppError('INTERNAL', 'pocketsphinx worker is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, sentAt: performance.now() });
      slot.worker.postMessage(make(id));
    });
  }

  /** How far behind the worker is (ms): the age of its oldest unanswered request (requests are answered in order). */
  lagMs(slot: Slot): number {
    for (const p of slot.pending.values()) return performance.now() - p.sentAt; // a Map iterates oldest first
    return 0;
  }

  /** Resolves when every worker has handled everything posted before this call. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.slots.filter((s) => s.alive).map((s) => this.request(s, (id) => ({ type: 'sync', id }))));
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) { s.alive = false; for (const p of s.pending.values()) p.reject(new AppError('INTERNAL', 'pocketsphinx engine closed')) }
    await Promise.all(slots.map((s) => stopWorker(s.worker)));
  }
}

/**
 * Asks a worker to exit once its current native call returns; terminates it only if that takes over 10 s.
 * (worker.terminate() in the middle of a native decoder call aborts the whole process: napi_throw fails.)
 */
async function stopWorker(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return; // exited already
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  try { worker.postMessage({ type: 'exit' } satisfies WorkerRequest) } catch { /* already gone */ }
  const timer = setTimeout(() => { void worker.terminate() }, 10_000);
  await exited;
  clearTimeout(timer);
}
