import type { Channel } from '../events.ts';

// A bridge protocol adapter turns wire messages into CallEvents (pipecat-style serializers): one message in,
// zero or more events out, plus optional replies to send back on the socket. Adapters do no I/O themselves.
export type Encoding = 'pcm16' | 'mulaw' | 'alaw';

export interface AudioFormat {
  encoding: Encoding;
  sampleRateHz: number;   // 8000..48000
  channels: 1 | 2;
  /** Which party each interleaved channel carries; for mono, the one party (or 'customer' for mixed audio). */
  channelMap: Channel[];
}

export type CallEvent =
  | { kind: 'start'; callId: string; agentId: string; customerId?: string; format: AudioFormat; meta?: Record<string, unknown> }
  /** Encoded audio exactly as received. `channel` set when the protocol sends one party per message (Twilio tracks). */
  | { kind: 'audio'; data: Uint8Array; channel?: Channel }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'pause' } | { kind: 'resume' }
  | { kind: 'stop'; reason?: string };

export interface AdapterOutput {
  events: CallEvent[];
  /** Messages to send back to the bridge (text JSON or binary), e.g. AudioHook `opened`, `pong`. */
  replies?: Array<string | Uint8Array>;
}

export interface ProtocolAdapter {
  readonly source: 'twilio' | 'audiohook' | 'vonage' | 'audiofork' | 'audiosocket' | 'raw';
  /** One WebSocket message (text or binary). Throws AppError (BAD_MESSAGE, BAD_START, ...) on bad input. */
  onMessage(data: string | Uint8Array, isBinary: boolean): AdapterOutput;
  /** The socket closed (stop if no stop was sent). */
  onClose(): AdapterOutput;
}
