// Decoding worker: one sherpa-onnx OnlineRecognizer shared by every stream of the engine, one OnlineStream per
// call channel. Audio is decoded as soon as enough frames are ready, so partial() only reads the result.
import { parentPort, workerData } from 'node:worker_threads';
import { loadSherpaAddon, type SherpaOnlineRecognizer, type SherpaOnlineStream } from './addon.ts';
import { toAsrResult } from './result.ts';
import type { SherpaReply, SherpaRequest, SherpaWorkerInit } from './worker-protocol.ts';

const RATE_HZ = 16000;
const init = (workerData as { init: SherpaWorkerInit }).init;
const port = parentPort!;
const reply = (msg: SherpaReply): void => port.postMessage(msg);
const streams = new Map<number, SherpaOnlineStream>();
let recognizer: SherpaOnlineRecognizer;

function decodeReady(s: SherpaOnlineStream): void {
  while (recognizer.isReady(s)) recognizer.decode(s);
}

function handle(msg: SherpaRequest): void {
  if (msg.type === 'sync') { reply({ type: 'done', id: msg.id }); return }
  if (msg.type === 'open') { streams.set(msg.stream, recognizer.createStream()); return }
  if (msg.type === 'close') { streams.delete(msg.stream); return }
  const s = streams.get(msg.stream);
  if (!s) { if (msg.type !== 'audio') reply({ type: 'error', id: msg.id, message: 'unknown stream' }); return }
  try {
    switch (msg.type) {
      case 'audio':
        s.acceptWaveform({ samples: msg.samples, sampleRate: RATE_HZ });
        decodeReady(s);
        return;
      case 'partial':
        reply({ type: 'result', id: msg.id, result: toAsrResult(recognizer.getResult(s)) });
        return;
      case 'finish': {
        // trailing silence lets a streaming model emit the last word before the input ends
        s.acceptWaveform({ samples: new Float32Array(Math.round(init.tailPaddingS * RATE_HZ)), sampleRate: RATE_HZ });
        s.inputFinished();
        decodeReady(s);
        const result = toAsrResult(recognizer.getResult(s));
        streams.set(msg.stream, recognizer.createStream()); // a fresh stream: times restart at the next utterance
        reply({ type: 'result', id: msg.id, result });
        return;
      }
    }
  } catch (err) {
    if (msg.type !== 'audio') reply({ type: 'error', id: msg.id, message: String((err as Error).message ?? err) });
  }
}

try {
  const addon = loadSherpaAddon(init.moduleName);
  recognizer = new addon.OnlineRecognizer(init.config);
  port.on('message', handle);
  reply({ type: 'ready' });
} catch (err) {
  reply({ type: 'fatal', message: String((err as Error).message ?? err) });
}
