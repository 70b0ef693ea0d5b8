import net from 'node:net';
import { AppError } from '../errors.ts';
import { AudioSocketAdapter } from '../ingest/audiosocket.ts';
import type { App } from './app.ts';
import { CallIngest } from './call-ingest.ts';

// Asterisk AudioSocket (TCP): type-length frames. An error frame (0xff type, one byte code) reports bad input
// before the connection is closed; audio received before it is kept.
export async function startAudioSocketServer(app: App, host: string, port: number): Promise<net.Server> {
  const log = app.log;
  const server = net.createServer((sock) => {
    const ingest = new CallIngest(new AudioSocketAdapter(), {
      pipeline: app.pipeline, clock: { nowMs: () => Date.now() }, sink: app.sink, log, metrics: app.metrics,
      live: app.live, maxFrameBytes: app.config.ingest.maxFrameBytes,
    });
    sock.on('data', (chunk) => {
      try {
        for (const reply of ingest.onMessage(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), true)) sock.write(reply);
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('INTERNAL');
        app.metrics.errors.inc({ code: e.code });
        log.warn({ code: e.code }, 'audiosocket input refused');
        sock.end(Buffer.from([0xff, 0x00, 0x01, 0x04])); // error frame, code 4: "frame error"
        void ingest.close();
      }
    });
    sock.on('close', () => void ingest.close());
    sock.on('error', () => void ingest.close());
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, () => resolve()) });
  return server;
}
