// Twilio Media Streams (WS /v1/twilio): JSON text messages connected, start, media, mark, dtmf, stop.
// Audio is mu-law 8 kHz mono per track in ~20 ms base64 chunks; track inbound is the caller (customer),
// outbound is what Twilio plays to the caller (the agent's voice).
import { AppError } from '../errors.ts';
import type { Channel } from '../events.ts';
import type { AdapterOutput, AudioFormat, CallEvent, ProtocolAdapter } from './types.ts';
import { asObject, checkRate, decodeBase64, idField, parseJsonObject, UNASSIGNED_AGENT, type JsonObject } from './wire.ts';

const TRACK_PARTY: Record<string, Channel> = { inbound: 'customer', outbound: 'agent', inbound_track: 'customer', outbound_track: 'agent' };

export class TwilioAdapter implements ProtocolAdapter {
  readonly source = 'twilio' as const;
  private format: AudioFormat | null = null;
  private streamSid: string | null = null;
  private stopped = false;

  onMessage(data: string | Uint8Array, isBinary: boolean): AdapterOutput {
    if (isBinary) throw new AppError('BAD_MESSAGE', 'Twilio Media Streams sends text messages only');
    const msg = parseJsonObject(data, this.format ? 'BAD_MESSAGE' : 'BAD_START');
    switch (msg.event) {
      case 'connected': return { events: [] };
      case 'start': return { events: [this.onStart(msg)] };
      case 'media': return { events: this.onMedia(msg) };
      case 'dtmf': {
        const digit = asObject(msg.dtmf)?.digit;
        if (typeof digit !== 'string' || digit.length !== 1) throw new AppError('BAD_MESSAGE', 'a dtmf message without a digit');
        return { events: this.format ? [{ kind: 'dtmf', digit }] : [] };
      }
      case 'mark': return { events: [] }; // playback marks: this server sends no audio back
      case 'stop':
        if (!this.format || this.stopped) return { events: [] };
        this.stopped = true;
        return { events: [{ kind: 'stop', reason: 'stop message' }] };
      default: throw new AppError('BAD_MESSAGE', 'unknown Twilio message event');
    }
  }

  onClose(): AdapterOutput {
    if (!this.format || this.stopped) return { events: [] };
    this.stopped = true;
    return { events: [{ kind: 'stop', reason: 'socket closed' }] };
  }

  private onStart(msg: JsonObject): CallEvent {
    if (this.format) throw new AppError('BAD_MESSAGE', 'a second start message on the same stream');
    const start = asObject(msg.start);
    if (!start) throw new AppError('BAD_START', 'the start message has no start object');
    const streamSid = idField(start, 'streamSid') ?? idField(msg, 'streamSid');
    const callSid = idField(start, 'callSid');
    if (!streamSid || !callSid) throw new AppError('BAD_START', 'the start message needs start.streamSid and start.callSid');
    const media = asObject(start.mediaFormat) ?? {};
    const encoding = media.encoding ?? 'audio/x-mulaw';
    if (encoding !== 'audio/x-mulaw') throw new AppError('UNSUPPORTED_ENCODING', 'Twilio media must be audio/x-mulaw');
    const rate = typeof media.sampleRate === 'number' ? media.sampleRate : 8000;
    checkRate(rate);
    const tracks = Array.isArray(start.tracks) && start.tracks.length > 0 ? start.tracks : ['inbound'];
    const channelMap = [...new Set(tracks.map((t) => TRACK_PARTY[String(t)]).filter((p): p is Channel => Boolean(p)))];
    if (channelMap.length === 0) throw new AppError('BAD_START', 'start.tracks names no inbound or outbound track');
    const params = asObject(start.customParameters);
    this.streamSid = streamSid;
    // Each media message carries one track, so the decoder reads it as mono tagged with its party.
    this.format = { encoding: 'mulaw', sampleRateHz: rate, channels: channelMap.length as 1 | 2, channelMap };
    return {
      kind: 'start', callId: callSid, agentId: idField(params, 'agentId') ?? UNASSIGNED_AGENT,
      customerId: idField(params, 'customerId'), format: this.format,
      meta: { streamSid, accountSid: idField(start, 'accountSid'), tracks: channelMap },
    };
  }

  private onMedia(msg: JsonObject): CallEvent[] {
    if (!this.format) throw new AppError('AUDIO_BEFORE_START');
    if (this.stopped) return [];
    const media = asObject(msg.media);
    if (!media) throw new AppError('BAD_MESSAGE', 'a media message has no media object');
    if (msg.streamSid !== undefined && msg.streamSid !== this.streamSid) throw new AppError('BAD_MESSAGE', 'a media message for another stream');
    const party = TRACK_PARTY[String(media.track ?? 'inbound')];
    if (!party) throw new AppError('BAD_MESSAGE', 'a media message with an unknown track');
    if (!this.format.channelMap.includes(party)) return []; // a track the start message did not announce
    const bytes = decodeBase64(media.payload);
    return bytes.byteLength > 0 ? [{ kind: 'audio', data: bytes, channel: party }] : [];
  }
}
