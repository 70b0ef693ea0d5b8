import type { AsrEngine, AsrStream } from './types.ts';

/** No speech recognition: VAD, timeline, metrics and silence/overtalk rules still run. */
export class NoAsrEngine implements AsrEngine {
  readonly name = 'none';
  createStream(): AsrStream {
    return { accept() {}, partial: async () => ({ text: '' }), finish: async () => ({ text: '' }), close() {} };
  }
  async settled(): Promise<void> {}
  async close(): Promise<void> {}
}
