// The plain protocol (WS /v1/stream, ../shared/DESIGN.md "Ingest protocols"): a JSON start message, binary audio
// frames of interleaved samples, then {"event":"stop"}. Optional text events: dtmf, pause, resume.
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AdapterOutput, AudioFormat, CallEvent, Encoding, ProtocolAdapter } from './types.ts';
import { checkFrame, checkRate, parseJsonObject, toBytes, type JsonObject } from './wire.ts';

const ENCODINGS = ['pcm16', 'mulaw', 'alaw'] as const;
const Party = z.enum(['agent', 'customer']);

export const RawStartSchema = z.object({
  callId: z.string().min(1).max(200),
  agentId: z.string().min(1).max(200),
  customerId: z.string().min(1).max(200).optional(),
  encoding: z.enum(ENCODINGS),
  sampleRate: z.number().int(),
  channels: z.union([z.literal(1), z.literal(2)]),
  channelMap: z.array(Party).min(1).max(2).optional(),
}).refine((s) => !s.channelMap || s.channelMap.length === s.channels, { message: 'channelMap must name one party per channel', path: ['channelMap'] })
  .refine((s) => !s.channelMap || new Set(s.channelMap).size === s.channelMap.length, { message: 'channelMap names a party twice', path: ['channelMap'] });

export type RawStart = z.infer<typeof RawStartSchema>;

/** Encoding and rate are checked first so that their own error codes (1003) reach the client, not BAD_START. */
function checkFormatFields(msg: JsonObject): void {
  if (typeof msg.encoding === 'string' && !(ENCODINGS as readonly string[]).includes(msg.encoding)) {
    throw new AppError('UNSUPPORTED_ENCODING', `encoding ${JSON.stringify(msg.encoding).slice(0, 40)} is not one of ${ENCODINGS.join(', ')}`);
  }
  if (typeof msg.sampleRate === 'number') checkRate(msg.sampleRate);
}

export function parseRawStart(data: string | Uint8Array): RawStart {
  const msg = parseJsonObject(data, 'BAD_START');
  checkFormatFields(msg);
  const parsed = RawStartSchema.safeParse(msg);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
    throw new AppError('BAD_START', `invalid start message: ${fields}`);
  }
  return parsed.data;
}

export class RawAdapter implements ProtocolAdapter {
  readonly source = 'raw' as const;
  private format: AudioFormat | null = null;
  private stopped = false;

  onMessage(data: string | Uint8Array, isBinary: boolean): AdapterOutput {
    if (!this.format) {
      if (isBinary) throw new AppError('AUDIO_BEFORE_START');
      const s = parseRawStart(data);
      const channelMap = s.channelMap ?? (s.channels === 2 ? ['customer', 'agent'] : ['customer']);
      this.format = { encoding: s.encoding as Encoding, sampleRateHz: s.sampleRate, channels: s.channels, channelMap };
      return { events: [{ kind: 'start', callId: s.callId, agentId: s.agentId, customerId: s.customerId, format: this.format }] };
    }
    if (this.stopped) return { events: [] }; // frames in flight after stop
    if (isBinary) {
      const bytes = toBytes(data);
      checkFrame(bytes, this.format);
      return { events: bytes.byteLength > 0 ? [{ kind: 'audio', data: bytes }] : [] };
    }
    return { events: this.onControl(parseJsonObject(data)) };
  }

  onClose(): AdapterOutput {
    if (!this.format || this.stopped) return { events: [] };
    this.stopped = true;
    return { events: [{ kind: 'stop', reason: 'socket closed' }] };
  }

  private onControl(msg: JsonObject): CallEvent[] {
    switch (msg.event) {
      case 'stop': this.stopped = true; return [{ kind: 'stop', reason: 'stop message' }];
      case 'pause': return [{ kind: 'pause' }];
      case 'resume': return [{ kind: 'resume' }];
      case 'dtmf':
        if (typeof msg.digit !== 'string' || !/^[0-9A-D*#]$/.test(msg.digit)) throw new AppError('BAD_MESSAGE', 'a dtmf event needs one digit');
        return [{ kind: 'dtmf', digit: msg.digit }];
      case 'start': throw new AppError('BAD_MESSAGE', 'a second start message on the same stream');
      default:
        if (typeof msg.callId === 'string') throw new AppError('BAD_MESSAGE', 'a second start message on the same stream');
        throw new AppError('BAD_MESSAGE', 'a text message after start must be {"event":"stop"|"pause"|"resume"|"dtmf"}');
    }
  }
}
