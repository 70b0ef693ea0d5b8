// Asterisk AudioSocket (TCP :9092): frames of 1 byte type, 2 bytes big-endian payload length, payload.
// 0x00 hangup, 0x01 call UUID (16 bytes), 0x03 DTMF digit (1 ASCII byte), 0x10 signed linear 16-bit LE mono
// 8 kHz, 0x11-0x18 the same at 12/16/24/32/44.1/48/96/192 kHz (newer Asterisk), 0xff error (optional code).
// TCP delivers a byte stream, so frames arrive split across chunks and several to a chunk: the parser buffers.
import { AppError } from '../errors.ts';
import type { AdapterOutput, AudioFormat, CallEvent, ProtocolAdapter } from './types.ts';
import { checkRate, UNASSIGNED_AGENT } from './wire.ts';

export const AUDIOSOCKET_KIND = {
  HANGUP: 0x00, UUID: 0x01, DTMF: 0x03, AUDIO: 0x10, ERROR: 0xff,
} as const;

/** Audio frame type -> sample rate (Hz), from Asterisk's res_audiosocket. */
export const AUDIOSOCKET_RATES: Readonly<Record<number, number>> = {
  0x10: 8000, 0x11: 12000, 0x12: 16000, 0x13: 24000, 0x14: 32000, 0x15: 44100, 0x16: 48000, 0x17: 96000, 0x18: 192000,
};

/** Asterisk's error code 0x01: the calling party hung up. */
const ERROR_CALLER_HANGUP = 0x01;
const HEADER_BYTES = 3;

export interface AudioSocketParserOptions {
  /** Bytes buffered while waiting for the rest of a frame; a frame is at most 3 + 65535 bytes by construction. */
  maxBufferedBytes: number;
}
export const DEFAULT_AUDIOSOCKET_PARSER_OPTIONS: AudioSocketParserOptions = { maxBufferedBytes: 3 + 65535 };

/** Formats a 16-byte binary UUID as 8-4-4-4-12 hex. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Turns the TCP byte stream into CallEvents. The call starts at its first audio frame (the frame type carries
 * the rate), so a start always has the right format. Audio payloads are views of the input, not copies, when a
 * frame lies inside one chunk.
 */
export class AudioSocketParser {
  private pending: Uint8Array = new Uint8Array(0);
  private callId: string | null = null;
  private format: AudioFormat | null = null;
  private ended = false;

  constructor(private readonly opts: AudioSocketParserOptions = DEFAULT_AUDIOSOCKET_PARSER_OPTIONS) {}

  get started(): boolean { return this.format !== null }
  get hungUp(): boolean { return this.ended }

  push(chunk: Uint8Array): CallEvent[] {
    if (this.ended) return [];
    const buf = this.pending.byteLength === 0 ? chunk : concat(this.pending, chunk);
    const events: CallEvent[] = [];
    let off = 0;
    while (!this.ended && buf.byteLength - off >= HEADER_BYTES) {
      const kind = buf[off];
      const length = (buf[off + 1] << 8) | buf[off + 2];
      if (buf.byteLength - off - HEADER_BYTES < length) break;
      this.onFrame(kind, buf.subarray(off + HEADER_BYTES, off + HEADER_BYTES + length), events);
      off += HEADER_BYTES + length;
    }
    // Keep the unfinished tail; copy it so the caller's chunk can be reused.
    this.pending = off >= buf.byteLength || this.ended ? new Uint8Array(0) : buf.slice(off);
    if (this.pending.byteLength > this.opts.maxBufferedBytes) throw new AppError('PAYLOAD_TOO_LARGE', 'an AudioSocket frame is larger than the buffer limit');
    return events;
  }

  /** The connection closed: a stop if the call had started and no hangup came. */
  end(reason = 'socket closed'): CallEvent[] {
    if (this.ended) return [];
    this.ended = true;
    return this.format ? [{ kind: 'stop', reason }] : [];
  }

  private onFrame(kind: number, payload: Uint8Array, events: CallEvent[]): void {
    switch (kind) {
      case AUDIOSOCKET_KIND.HANGUP: events.push(...this.end('hangup')); return;
      case AUDIOSOCKET_KIND.UUID:
        if (payload.byteLength !== 16) throw new AppError('BAD_START', 'an AudioSocket UUID frame must carry 16 bytes');
        if (this.callId !== null) throw new AppError('BAD_MESSAGE', 'a second AudioSocket UUID frame');
        this.callId = formatUuid(payload);
        return;
      case AUDIOSOCKET_KIND.DTMF:
        if (payload.byteLength !== 1) throw new AppError('BAD_MESSAGE', 'an AudioSocket DTMF frame must carry 1 byte');
        if (this.format) events.push({ kind: 'dtmf', digit: String.fromCharCode(payload[0]) });
        return;
      case AUDIOSOCKET_KIND.ERROR:
        // Code 0x01 means the caller hung up; other codes (frame forwarding, memory) do not end the call.
        if (payload.byteLength > 0 && payload[0] === ERROR_CALLER_HANGUP) events.push(...this.end('caller hung up'));
        return;
      default: {
        const rate = AUDIOSOCKET_RATES[kind];
        if (rate === undefined) throw new AppError('BAD_MESSAGE', `unknown AudioSocket frame type 0x${kind.toString(16).padStart(2, '0')}`);
        this.onAudio(rate, payload, events);
      }
    }
  }

  private onAudio(rateHz: number, payload: Uint8Array, events: CallEvent[]): void {
    if (this.callId === null) throw new AppError('AUDIO_BEFORE_START', 'AudioSocket audio arrived before the UUID frame');
    if (payload.byteLength % 2 !== 0) throw new AppError('BAD_AUDIO_FRAME', `a ${payload.byteLength}-byte slin frame is not a whole number of samples`);
    if (!this.format) {
      checkRate(rateHz);
      this.format = { encoding: 'pcm16', sampleRateHz: rateHz, channels: 1, channelMap: ['customer'] };
      // AudioSocket carries no agent: the dialplan names the call by its UUID only.
      events.push({ kind: 'start', callId: this.callId, agentId: UNASSIGNED_AGENT, format: this.format });
    } else if (rateHz !== this.format.sampleRateHz) {
      throw new AppError('BAD_AUDIO_FRAME', `AudioSocket audio changed rate from ${this.format.sampleRateHz} to ${rateHz} Hz`);
    }
    if (payload.byteLength > 0) events.push({ kind: 'audio', data: payload });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

/** The parser behind the ProtocolAdapter interface: each TCP chunk is one "message". */
export class AudioSocketAdapter implements ProtocolAdapter {
  readonly source = 'audiosocket' as const;
  readonly parser: AudioSocketParser;

  constructor(opts: AudioSocketParserOptions = DEFAULT_AUDIOSOCKET_PARSER_OPTIONS) { this.parser = new AudioSocketParser(opts) }

  onMessage(data: string | Uint8Array): AdapterOutput {
    if (typeof data === 'string') throw new AppError('BAD_MESSAGE', 'AudioSocket is a binary protocol');
    return { events: this.parser.push(data) };
  }

  onClose(): AdapterOutput { return { events: this.parser.end() } }
}
