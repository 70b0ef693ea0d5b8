// One call channel's sherpa stream. accept() copies the samples into a transferable buffer and posts them;
// partial()/finish() wait for the worker, which handles the stream's messages in order.
import { AppError } from '../../errors.ts';
import type { AsrResult, AsrStream } from '../types.ts';
import type { SherpaWorkerHost } from './host.ts';

let nextStream = 1;

export class SherpaStream implements AsrStream {
  private readonly id = nextStream++;
  private closed = false;

  constructor(private readonly host: SherpaWorkerHost, private readonly track: (p: Promise<unknown>) => void) {
    host.post({ type: 'open', stream: this.id });
  }

  accept(samples: Float32Array): void {
    if (this.closed || samples.length === 0) return;
    const copy = samples.slice(); // the caller may reuse its buffer; ours is transferred
    this.host.post({ type: 'audio', stream: this.id, samples: copy }, [copy.buffer as ArrayBuffer]);
  }

  partial(): Promise<AsrResult> { return this.ask('partial') }

  finish(): Promise<AsrResult> { return this.ask('finish') }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.post({ type: 'close', stream: this.id });
  }

  private ask(type: 'partial' | 'finish'): Promise<AsrResult> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'sherpa stream is closed'));
    const p = this.host.request((id) => ({ type, stream: this.id, id })).then((r) => r ?? { text: '' });
    this.track(p);
    return p;
  }
}
