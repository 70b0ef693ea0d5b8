// Decoding worker: owns one PocketSphinx decoder per stream (a call channel) and keeps closed streams'
// decoders warm for the next stream, so cepstral-mean state and loaded models are reused.
import { parentPort, workerData } from 'node:worker_threads';
import { loadAddon, type NativeDecoder } from '../../../native/pocketsphinx/index.ts';
import type { DecoderSpec } from './config.ts';
import { resultFromDecoder } from './result.ts';
import { DROP_SLOTS, type WorkerReply, type WorkerRequest } from './worker-protocol.ts';

const { spec, spareDecoders, dropped } = workerData as { spec: DecoderSpec; spareDecoders: number; dropped: Int32Array };
/** Is this message's utterance one the engine no longer wants (its final came from another engine)? */
const isDropped = (stream: number, utt: number): boolean => Atomics.load(dropped, stream % DROP_SLOTS) >= utt;
const port = parentPort!;
const reply = (msg: WorkerReply): void => port.postMessage(msg);

/**
 * The live cepstral mean a stream starts with is the model's default (new decoder) or the previous call's line
 * and voice (warm decoder), both far from this call's: measured on the fixture calls, a channel's first
 * utterance came out as noise ("on what are you did on huh" for "hello, thank you for calling ..."), and which
 * call ran before changed the prompts of the next. Until a stream has heard this much speech (samples at
 * 16 kHz), each utterance is kept and decoded a second time at its end, when the mean has adapted to this line;
 * partials still come from the first pass. Costs one extra decode of the first seconds of each channel.
 */
const COLD_STREAM_SAMPLES = 16000 * 4;

interface Channel { decoder: NativeDecoder; inUtt: boolean; error?: string; heard: number; coldPcm?: Int16Array[] }
const channels = new Map<number, Channel>();
const warm: NativeDecoder[] = [];
const addon = loadAddon();

function makeDecoder(): NativeDecoder {
  const d = new addon.Decoder(spec.args);
  if (spec.mix) d.setMixedLm(spec.mix.files, spec.mix.weights);
  return d;
}

let exiting = false;

function handle(msg: WorkerRequest): void {
  if (msg.type === 'exit') { exiting = true; port.close(); return } // the thread ends when its loop is empty
  if (msg.type === 'sync') { reply({ type: 'done', id: msg.id }); return }
  if (msg.type === 'open') {
    channels.set(msg.stream, { decoder: warm.pop() ?? makeDecoder(), inUtt: false, heard: 0 });
    reply({ type: 'done', id: msg.id }); // a new decoder costs ~0.45 s of CPU: the engine counts it in the lag
    return;
  }
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
        if (isDropped(msg.stream, msg.utt)) return;
        if (!ch.inUtt) {
          ch.decoder.startUtt();
          ch.inUtt = true;
          ch.coldPcm = ch.heard < COLD_STREAM_SAMPLES ? [] : undefined;
        }
        ch.decoder.processRaw(msg.pcm);
        ch.coldPcm?.push(msg.pcm);
        ch.heard += msg.pcm.length;
        return;
      case 'partial':
        reply({ type: 'result', id: msg.id, result: ch.inUtt ? { text: cleanText(ch.decoder.hyp().text) } : { text: '' } });
        return;
      case 'finish': {
        if (!ch.inUtt) { reply({ type: 'result', id: msg.id, result: { text: '', words: [] } }); return }
        ch.decoder.endUtt();
        ch.inUtt = false;
        if (isDropped(msg.stream, msg.utt)) { ch.coldPcm = undefined; reply({ type: 'result', id: msg.id, result: { text: '', words: [] } }); return }
        if (ch.coldPcm) redecode(ch.decoder, ch.coldPcm);
        ch.coldPcm = undefined;
        reply({ type: 'result', id: msg.id, result: resultFromDecoder(ch.decoder, spec.frameRate) });
        return;
      }
    }
  } catch (err) {
    if (msg.type === 'audio') { ch.error = String((err as Error).message ?? err); return }
    reply({ type: 'error', id: msg.id, message: String((err as Error).message ?? err) });
  }
}

/** Second pass over a cold decoder's utterance, now that its cepstral mean has adapted to the line. */
function redecode(decoder: NativeDecoder, pcm: Int16Array[]): void {
  decoder.startUtt();
  for (const chunk of pcm) decoder.processRaw(chunk);
  decoder.endUtt();
}

/** Partial hypotheses carry pronunciation variants and fillers too: drop them like the final does. */
function cleanText(text: string): string {
  return text.split(/\s+/).filter((w) => w && !/^[<[+]/.test(w)).map((w) => w.replace(/\(\d+\)$/, '')).join(' ');
}

/**
 * Decoders for the next streams, made one at a time after start-up between messages (~0.45 s of CPU each): the
 * first calls after a start then do not wait for them. Closed streams' decoders return to the same pool.
 */
function makeSpares(): void {
  if (exiting || warm.length >= spareDecoders) return;
  try { warm.push(makeDecoder()) } catch { return }
  setTimeout(makeSpares, 0);
}

try {
  warm.push(makeDecoder()); // proves the models load before the engine reports ready
  port.on('message', handle);
  reply({ type: 'ready' });
  setTimeout(makeSpares, 0);
} catch (err) {
  reply({ type: 'fatal', message: String((err as Error).message ?? err) });
}
