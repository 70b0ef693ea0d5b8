// Endpoint path -> a fresh protocol adapter for one bridge connection.
import { AppError } from '../errors.ts';
import { AudioForkAdapter } from './audiofork.ts';
import { AudioHookAdapter } from './audiohook.ts';
import { RawAdapter } from './raw.ts';
import { TwilioAdapter } from './twilio.ts';
import type { ProtocolAdapter } from './types.ts';
import { VonageAdapter } from './vonage.ts';

const ADAPTERS = {
  '/v1/stream': () => new RawAdapter(),
  '/v1/twilio': () => new TwilioAdapter(),
  '/v1/audiohook': () => new AudioHookAdapter(),
  '/v1/vonage': () => new VonageAdapter(),
  '/v1/audiofork': () => new AudioForkAdapter(),
} as const satisfies Record<string, () => ProtocolAdapter>;

export type StreamPath = keyof typeof ADAPTERS;
/** The WebSocket endpoints that carry call audio (AudioSocket is TCP, see audiosocket.ts). */
export const STREAM_PATHS = Object.keys(ADAPTERS) as StreamPath[];

export function adapterFor(path: string): ProtocolAdapter {
  const make = (ADAPTERS as Record<string, (() => ProtocolAdapter) | undefined>)[path.split('?')[0]];
  if (!make) throw new AppError('NOT_FOUND', `no audio endpoint at ${path.split('?')[0]}`);
  return make();
}

export { AudioSocketAdapter, AudioSocketParser } from './audiosocket.ts';
export { AUDIOFORK_SUBPROTOCOLS } from './audiofork.ts';
