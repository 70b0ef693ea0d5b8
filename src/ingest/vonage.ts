// Vonage Voice API WebSocket (WS /v1/vonage): the first text message is
// {"event":"websocket:connected","content-type":"audio/l16;rate=16000", ...the NCCO endpoint's custom headers},
// then binary frames of 16-bit little-endian linear PCM, mono, both parties mixed (20 ms: 320 or 640 bytes).
// Later text messages: websocket:dtmf (digit at the top level) and notifications, which carry no audio.
import { AppError } from '../errors.ts';
import type { AdapterOutput, AudioFormat, CallEvent, ProtocolAdapter } from './types.ts';
import { asObject, checkFrame, checkRate, idField, parseJsonObject, toBytes, UNASSIGNED_AGENT, type JsonObject } from './wire.ts';

/** `audio/l16;rate=16000` -> 16000. Vonage offers 8000, 16000 and 24000 Hz. */
export function parseL16ContentType(contentType: unknown): number {
  if (typeof contentType !== 'string') throw new AppError('BAD_START', 'websocket:connected needs content-type');
  const m = /^audio\/l16\s*;\s*rate\s*=\s*(\d+)\s*$/i.exec(contentType.trim());
  if (!m) throw new AppError('UNSUPPORTED_ENCODING', 'Vonage content-type must be audio/l16;rate=N');
  const rate = Number(m[1]);
  checkRate(rate);
  return rate;
}

export class VonageAdapter implements ProtocolAdapter {
  readonly source = 'vonage' as const;
  private format: AudioFormat | null = null;
  private stopped = false;

  constructor(private readonly newCallId: () => string = () => crypto.randomUUID()) {}

  onMessage(data: string | Uint8Array, isBinary: boolean): AdapterOutput {
    if (isBinary) {
      if (!this.format) throw new AppError('AUDIO_BEFORE_START');
      if (this.stopped) return { events: [] };
      const bytes = toBytes(data);
      checkFrame(bytes, this.format);
      return { events: bytes.byteLength > 0 ? [{ kind: 'audio', data: bytes }] : [] };
    }
    const msg = parseJsonObject(data, this.format ? 'BAD_MESSAGE' : 'BAD_START');
    if (!this.format) return { events: [this.onConnected(msg)] };
    if (msg.event === 'websocket:dtmf') {
      const digit = idField(msg, 'digit') ?? idField(asObject(msg.dtmf), 'digit');
      return { events: digit ? [{ kind: 'dtmf', digit }] : [] };
    }
    return { events: [] }; // e.g. websocket:notify, or the app's own messages: nothing to analyse
  }

  onClose(): AdapterOutput {
    if (!this.format || this.stopped) return { events: [] };
    this.stopped = true;
    return { events: [{ kind: 'stop', reason: 'socket closed' }] };
  }

  private onConnected(msg: JsonObject): CallEvent {
    if (msg.event !== 'websocket:connected') throw new AppError('BAD_START', 'the first Vonage message must be websocket:connected');
    const rate = parseL16ContentType(msg['content-type']);
    this.format = { encoding: 'pcm16', sampleRateHz: rate, channels: 1, channelMap: ['customer'] };
    // Custom headers from the NCCO arrive as top-level fields; Vonage adds no call id of its own.
    const callId = idField(msg, 'callId', 'call_id', 'uuid', 'conversation_uuid') ?? this.newCallId();
    return {
      kind: 'start', callId, agentId: idField(msg, 'agentId', 'agent_id') ?? UNASSIGNED_AGENT,
      customerId: idField(msg, 'customerId', 'customer_id'), format: this.format, meta: { mixed: true },
    };
  }
}
