import { decodeAlaw, decodeMulaw } from '../audio/g711.ts';
import { deinterleave, pcm16ToFloat32 } from '../audio/pcm.ts';
import { Resampler } from '../audio/resample.ts';
import { AppError } from '../errors.ts';
import type { Channel } from '../events.ts';
import type { AudioFormat } from '../ingest/types.ts';

export const TARGET_RATE_HZ = 16000;

/**
 * Wire audio of one call (any supported encoding, rate and layout) to 16 kHz Float32 per party.
 * One resampler per party keeps its filter history across frames.
 */
export class AudioDecoder {
  private readonly resamplers = new Map<Channel, Resampler>();
  private readonly bytesPerSample: number;

  constructor(private readonly format: AudioFormat) {
    if (format.sampleRateHz < 8000 || format.sampleRateHz > 48000) throw new AppError('UNSUPPORTED_RATE', `sample rate ${format.sampleRateHz} Hz is outside 8000-48000`);
    this.bytesPerSample = format.encoding === 'pcm16' ? 2 : 1;
    for (const ch of format.channelMap) if (!this.resamplers.has(ch)) this.resamplers.set(ch, new Resampler(format.sampleRateHz, TARGET_RATE_HZ));
  }

  /**
   * `channel` is set when the protocol sends one party per message (Twilio tracks): the bytes are then mono.
   * Returns [party, samples] pairs, in channel-map order.
   */
  decode(data: Uint8Array, channel?: Channel): Array<[Channel, Float32Array]> {
    const nch = channel ? 1 : this.format.channels;
    if (data.byteLength % (this.bytesPerSample * nch) !== 0) {
      throw new AppError('BAD_AUDIO_FRAME', `a ${data.byteLength}-byte frame is not a whole number of ${nch}-channel ${this.format.encoding} samples`);
    }
    const samples = this.format.encoding === 'pcm16' ? pcm16ToFloat32(data)
      : this.format.encoding === 'mulaw' ? decodeMulaw(data) : decodeAlaw(data);
    if (channel) return [[channel, this.resample(channel, samples)]];
    const parts = nch === 1 ? [samples] : deinterleave(samples, nch);
    const out: Array<[Channel, Float32Array]> = [];
    parts.forEach((p, i) => {
      const party = this.format.channelMap[i];
      if (party) out.push([party, this.resample(party, p)]);
    });
    return out;
  }

  /** The resamplers' last samples at the end of the call. */
  flush(): Array<[Channel, Float32Array]> {
    return [...this.resamplers].map(([ch, r]) => [ch, r.flush()] as [Channel, Float32Array]).filter(([, s]) => s.length > 0);
  }

  private resample(channel: Channel, samples: Float32Array): Float32Array {
    let r = this.resamplers.get(channel);
    if (!r) this.resamplers.set(channel, (r = new Resampler(this.format.sampleRateHz, TARGET_RATE_HZ)));
    return r.process(samples);
  }
}
