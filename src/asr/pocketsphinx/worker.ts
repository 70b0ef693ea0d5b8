// Decoding worker: owns one PocketSphinx decoder per stream (a call channel) and keeps closed streams'
// decoders warm for the next stream, so cepstral-mean state and loaded models are reused.
import { parentPort, workerData } from 'node:worker_threads';
import { loadAddon, type NativeDecoder } from '../../../native/pocketsphinx/index.ts';
import type { DecoderSpec } from './config.ts';
import { resultFromDecoder } from './result.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const spec = (workerData as { spec: DecoderSpec }).spec;
const port = parentPort!;
const reply = (msg: WorkerReply): void => port.postMessage(msg);

interface Channel { decoder: NativeDecoder; inUtt: boolean; error?: string }
const channels = new Map<number, Channel>();
const warm: NativeDecoder[] = [];
const addon = loadAddon();

function makeDecoder(): NativeDecoder {
  const d = new addon.Decoder(spec.args);
  if (spec.mix) d.setMixedLm(spec.mix.files, spec.mix.weights);
  return d;
}

function handle(msg: WorkerRequest): void {
  if (msg.type === 'sync') { reply({ type: 'done', id: msg.id }); return }
  if (msg.type === 'open') { channels.set(msg.stream, { decoder: warm.pop() ?? makeDecoder(), inUtt: false }); return }
  const ch = channels.get(msg.stream);
  if (msg.type === 'close') {
    if (!ch) return;
    channels.delete(msg.stream);
    if (ch.inUtt) { ch.decoder.endUtt(); ch.inUtt = false }
    warm.push(ch.decoder);
    return;
  }
  if (!ch) {
    if (msg.type !== 'audio') reply({ type: 'error', id: msg.id, message: 'unknown stream' });
    return;
  }
  try {
    switch (msg.type) {
      case 'audio':
        if (!ch.inUtt) { ch.decoder.startUtt(); ch.inUtt = true }
        ch.decoder.processRaw(msg.pcm);
        return;
      case 'partial':
        reply({ type: 'result', id: msg.id, result: ch.inUtt ? { text: cleanText(ch.decoder.hyp().text) } : { text: '' } });
        return;
      case 'finish': {
        if (!ch.inUtt) { reply({ type: 'result', id: msg.id, result: { text: '', words: [] } }); return }
        ch.decoder.endUtt();
        ch.inUtt = false;
        reply({ type: 'result', id: msg.id, result: resultFromDecoder(ch.decoder, spec.frameRate) });
        return;
      }
    }
  } catch (err) {
    if (msg.type === 'audio') { ch.error = String((err as Error).message ?? err); return }
    reply({ type: 'error', id: msg.id, message: String((err as Error).message ?? err) });
  }
}

/** Partial hypotheses carry pronunciation variants and fillers too: drop them like the final does. */
function cleanText(text: string): string {
  return text.split(/\s+/).filter((w) => w && !/^[<[+]/.test(w)).map((w) => w.replace(/\(\d+\)$/, '')).join(' ');
}

try {
  warm.push(makeDecoder()); // proves the models load before the engine reports ready
  port.on('message', handle);
  reply({ type: 'ready' });
} catch (err) {
  reply({ type: 'fatal', message: String((err as Error).message ?? err) });
}
