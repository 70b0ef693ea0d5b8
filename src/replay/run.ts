import type { Pipeline } from '../call/pipeline.ts';
import { ManualClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { AssistEvent, Channel, EventSink } from '../events.ts';
import { AudioDecoder } from '../server/audio-decoder.ts';
import type { WavAudio } from './wav.ts';

export type Speed = 1 | 2 | 4 | 'max';

export interface ReplayOptions {
  pipeline: Pipeline;
  sink: EventSink;
  callId: string;
  agentId?: string;
  customerId?: string;
  speed?: Speed;
  /** Party of each WAV channel, in channel order (e.g. ['customer', 'agent'] for customer=left). */
  channelMap?: Channel[];
  /** Virtual wall clock at the call's start (ms): fixed for a file, so `--speed max` output is the same every run. */
  startAtMs?: number;
  onProgress?: (doneS: number, totalS: number) => void;
  /** At `max`: how far (s of audio) the decode-ahead copy of the pipeline may run ahead (lookahead.ts); 0 turns it off. */
  decodeAheadS?: number;
}

const FRAME_MS = 20;
/** Decode-ahead at --speed max (s): longer than a few turns of talk, so both parties' decoders have work queued. */
export const DEFAULT_DECODE_AHEAD_S = 30;

/**
 * Feeds a recording through the live pipeline in 20 ms frames on a virtual clock. At `max` every frame is
 * awaited (deterministic); at 1/2/4 x the frames are paced against the wall clock, as a bridge would send them.
 */
export async function replayRecording(wav: WavAudio, o: ReplayOptions): Promise<void> {
  const channelMap = o.channelMap ?? (wav.channels === 2 ? ['customer', 'agent'] : ['customer']);
  if (channelMap.length !== wav.channels) throw new AppError('BAD_REQUEST', `the channel map names ${channelMap.length} parties for a ${wav.channels}-channel file`);
  const clock = new ManualClock(o.startAtMs ?? 0);
  const speed = o.speed ?? 'max';
  const newDecoder = () => new AudioDecoder({ encoding: wav.encoding, sampleRateHz: wav.sampleRateHz, channels: wav.channels as 1 | 2, channelMap });
  const decoder = newDecoder();
  const aheadFrames = speed === 'max' ? Math.round(((o.decodeAheadS ?? DEFAULT_DECODE_AHEAD_S) * 1000) / FRAME_MS) : 0;
  const session = o.pipeline.startCall({ callId: o.callId, agentId: o.agentId ?? 'replay', customerId: o.customerId, source: 'replay' },
    { clock, sink: o.sink, channels: [...new Set(channelMap)], deterministic: speed === 'max', decodeAhead: aheadFrames > 0, sourceRateHz: wav.sampleRateHz });
  const frameBytes = Math.round((wav.sampleRateHz * FRAME_MS) / 1000) * wav.channels * (wav.encoding === 'pcm16' ? 2 : 1);
  const frameAt = (off: number) => wav.data.subarray(off, Math.min(off + frameBytes, wav.data.byteLength));
  // the decode-ahead copy gets the same frames through its own decoder (same chunks, so the same samples)
  const aheadDecoder = session.decodesAhead ? newDecoder() : null;
  let aheadOff = 0;
  const pushAheadTo = (until: number): void => {
    for (; aheadDecoder && aheadOff < Math.min(until, wav.data.byteLength); aheadOff += frameBytes) {
      for (const [ch, samples] of aheadDecoder.decode(frameAt(aheadOff))) void session.pushAhead(ch, samples);
    }
  };
  const t0 = performance.now();
  let pending: Array<Promise<void>> = [];
  for (let off = 0, i = 0; off < wav.data.byteLength; off += frameBytes, i++) {
    pushAheadTo(off + aheadFrames * frameBytes);
    clock.advance(FRAME_MS);
    for (const [ch, samples] of decoder.decode(frameAt(off))) {
      const p = session.pushAudio(ch, samples);
      if (speed === 'max') await p; else pending.push(p);
    }
    if (speed !== 'max') {
      const wait = t0 + ((i + 1) * FRAME_MS) / speed - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (pending.length > 100) { await Promise.all(pending); pending = [] }
    }
    if (i % 50 === 0) o.onProgress?.((i * FRAME_MS) / 1000, wav.durationS);
  }
  for (const [ch, samples] of aheadDecoder?.flush() ?? []) void session.pushAhead(ch, samples);
  for (const [ch, samples] of decoder.flush()) await session.pushAudio(ch, samples);
  await Promise.all(pending);
  await session.stop();
  o.onProgress?.(wav.durationS, wav.durationS);
}

/** Collects events in memory (for reports) while passing them on. */
export class CollectingSink implements EventSink {
  readonly events: AssistEvent[] = [];
  constructor(private readonly next?: EventSink) {}
  publish(ev: AssistEvent): void { this.events.push(ev); this.next?.publish(ev) }
}
