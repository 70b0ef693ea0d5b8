// The event-loop side of the sherpa decoding worker: starts it, routes replies to waiting requests, and fails
// pending requests (not the process) when the worker stops.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { AsrResult } from '../types.ts';
import type { SherpaReply, SherpaRequest, SherpaWorkerInit } from './worker-protocol.ts';

interface Pending { resolve: (r: AsrResult | undefined) => void; reject: (e: unknown) => void }

export class SherpaWorkerHost {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private alive = false;
  private closed = false;

  private constructor(private readonly worker: Worker) {}

  static start(init: SherpaWorkerInit): Promise<SherpaWorkerHost> {
    const worker = new Worker(new URL('../../worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./worker.ts', import.meta.url).href, init },
    });
    const host = new SherpaWorkerHost(worker);
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: SherpaReply) => {
        if (msg.type === 'ready') { host.alive = true; resolve(host); return }
        if (msg.type === 'fatal') {
          reject(new AppError(/not installed/.test(msg.message) ? 'ENGINE_UNAVAILABLE' : 'MODEL_UNAVAILABLE', `sherpa recognizer: ${msg.message}`));
          void worker.terminate();
          return;
        }
        const p = host.pending.get(msg.id);
        if (!p) return;
        host.pending.delete(msg.id);
        if (msg.type === 'error') p.reject(new AppError('INTERNAL', `sherpa decoding failed: ${msg.message}`));
        else p.resolve(msg.type === 'result' ? msg.result : undefined);
      });
      const onDeath = (err: unknown): void => {
        if (!host.alive) { reject(new AppError('ENGINE_UNAVAILABLE', `sherpa worker failed to start: ${String(err)}`)); return }
        host.alive = false;
        for (const p of host.pending.values()) p.reject(new AppError('INTERNAL', 'sherpa worker stopped'));
        host.pending.clear();
      };
      worker.on('error', onDeath);
      worker.on('exit', (code) => { if (!host.closed) onDeath(new Error(`exit ${code}`)) });
    });
  }

  post(msg: SherpaRequest, transfer: ArrayBuffer[] = []): void {
    if (this.alive) this.worker.postMessage(msg, transfer);
  }

  request(make: (id: number) => SherpaRequest): Promise<AsrResult | undefined> {
    if (!this.alive) return Promise.reject(new AppError('INTERNAL', 'sherpa worker is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(make(id));
    });
  }

  /** Resolves when the worker has handled everything posted before this call. */
  async settled(): Promise<void> {
    if (this.alive) await this.request((id) => ({ type: 'sync', id })).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.alive = false;
    for (const p of this.pending.values()) p.reject(new AppError('INTERNAL', 'sherpa engine closed'));
    this.pending.clear();
    await this.worker.terminate();
  }
}
