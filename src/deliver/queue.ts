import type { AssistEvent } from '../events.ts';

// A bounded outgoing queue for one consumer socket. Overflow policy `drop-low-priority-then-oldest`: when full,
// the oldest low-priority event (metrics, partial transcript, vad) is dropped first so prompts, finals and
// analysis survive a slow desktop; a low-priority newcomer is dropped if nothing lower is queued; only then
// is the oldest event dropped. Every drop is counted.
export const OVERFLOW_POLICY = 'drop-low-priority-then-oldest';

/** How often a blocked queue re-checks its socket (ms). */
const RETRY_MS = 50;

export interface Transport {
  /** Bytes buffered in the socket and not yet written to the network. */
  readonly bufferedAmount: number;
  send(data: string, cb: (err?: Error) => void): void;
}

function lowPriority(ev: AssistEvent): boolean {
  return ev.type === 'metrics' || ev.type === 'vad' || (ev.type === 'transcript' && !ev.final);
}

export class BoundedEventQueue {
  private readonly items: AssistEvent[] = [];
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  dropped = 0;

  constructor(
    private readonly transport: Transport,
    private readonly limit: number,
    private readonly onDrop: (ev: AssistEvent) => void = () => {},
    /** Stop writing into the socket while this many bytes wait in it (backpressure). */
    private readonly highWaterBytes = 512 * 1024,
  ) {}

  get length(): number { return this.items.length }

  push(ev: AssistEvent): void {
    if (this.items.length >= this.limit) {
      const i = this.items.findIndex(lowPriority);
      this.dropped++;
      if (i < 0 && lowPriority(ev)) { this.onDrop(ev); return } // the newcomer is the least important
      const [victim] = this.items.splice(i >= 0 ? i : 0, 1);
      this.onDrop(victim);
    }
    this.items.push(ev);
    this.pump();
  }

  /** Writes queued events while the socket is below its high-water mark; while it is above, re-checks after
   *  each write callback and on a short timer (a WebSocket has no 'drain' event of its own). */
  private pump(): void {
    while (this.items.length > 0 && this.transport.bufferedAmount < this.highWaterBytes) {
      const ev = this.items.shift()!;
      this.transport.send(JSON.stringify(ev), () => { if (this.items.length > 0) this.pump() });
    }
    if (this.items.length > 0 && !this.retry && !this.closed) {
      this.retry = setTimeout(() => { this.retry = undefined; this.pump() }, RETRY_MS);
      this.retry.unref?.();
    }
  }

  close(): void { this.closed = true; if (this.retry) clearTimeout(this.retry); this.items.length = 0 }
}
