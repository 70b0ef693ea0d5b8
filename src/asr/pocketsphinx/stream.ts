// One call channel's recognizer stream: converts 16 kHz Float32 to 16-bit PCM and posts it to the
// worker that owns this stream's decoder. accept() only posts; partial()/finish() wait for the worker.
import { Resampler } from '../../audio/resample.ts';
import { AppError } from '../../errors.ts';
import type { AsrResult, AsrStream } from '../types.ts';
import type { DecoderPool, Slot } from './pool.ts';
import { DROP_SLOTS } from './worker-protocol.ts';

let nextStream = 1;

/** Float32 [-1, 1] to int16 with clipping (16-bit PCM is what the decoder's front end reads). */
export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] * 32768;
    out[i] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : Math.round(v);
  }
  return out;
}

export class PocketSphinxStream implements AsrStream {
  private readonly id = nextStream++;
  private readonly slot: Slot;
  private closed = false;
  /** Between the first audio of an utterance and its finish() (counted in the worker's `speaking`). */
  private inUtterance = false;
  /** Number of the utterance in progress (or next), from 1. */
  private utt = 1;
  /** 16 kHz -> 8 kHz for a narrowband decoder; renewed per utterance so its tail is flushed at finish(). */
  private down?: Resampler;

  constructor(private readonly pool: DecoderPool, private readonly track: (p: Promise<unknown>) => void, private readonly decoderRateHz = 16000) {
    this.slot = pool.attach(this.id);
    Atomics.store(this.slot.dropped, this.id % DROP_SLOTS, 0); // the slot may have served an old stream
  }

  accept(samples: Float32Array): void {
    if (this.closed || samples.length === 0) return;
    this.setInUtterance(true);
    if (this.decoderRateHz !== 16000) {
      this.down ??= new Resampler(16000, this.decoderRateHz);
      this.post(this.down.process(samples));
    } else {
      this.post(samples);
    }
  }

  private post(samples: Float32Array): void {
    if (samples.length === 0) return;
    const pcm = floatToInt16(samples);
    this.pool.post(this.slot, { type: 'audio', stream: this.id, utt: this.utt, pcm }, [pcm.buffer as ArrayBuffer]);
  }

  /** How far behind this stream's worker is (ms), for the live overload policy (src/asr/overflow.ts). */
  lagMs(): number { return this.pool.lagMs(this.slot) }

  /** Other streams of this stream's worker in the middle of an utterance, for the same policy. */
  othersSpeaking(): number { return this.slot.speaking - (this.inUtterance ? 1 : 0) }

  /** The number of the utterance that the next finish() ends. */
  utteranceNo(): number { return this.utt }

  /** Utterance `utt`'s result is not wanted any more: the worker skips what it still has queued of it. */
  drop(utt: number): void {
    if (Atomics.load(this.slot.dropped, this.id % DROP_SLOTS) < utt) Atomics.store(this.slot.dropped, this.id % DROP_SLOTS, utt);
  }

  private setInUtterance(on: boolean): void {
    if (on === this.inUtterance) return;
    this.inUtterance = on;
    this.slot.speaking += on ? 1 : -1;
  }

  partial(): Promise<AsrResult> {
    return this.ask('partial');
  }

  finish(): Promise<AsrResult> {
    this.setInUtterance(false);
    if (this.down && !this.closed) { this.post(this.down.flush()); this.down = undefined }
    return this.ask('finish');
  }

  close(): void {
    if (this.closed) return;
    this.setInUtterance(false);
    this.closed = true;
    this.pool.detach(this.slot, this.id);
  }

  private ask(type: 'partial' | 'finish'): Promise<AsrResult> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'pocketsphinx stream is closed'));
    const utt = this.utt;
    if (type === 'finish') this.utt++;
    const p = this.pool.request(this.slot, (id) => (type === 'finish' ? { type, stream: this.id, utt, id } : { type, stream: this.id, id }))
      .then((r) => r ?? { text: '' });
    this.track(p);
    return p;
  }
}
