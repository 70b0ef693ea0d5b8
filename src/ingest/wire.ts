// Small helpers shared by the protocol adapters: JSON text frames, base64 payloads, party ids.
import { AppError, type ErrorCode } from '../errors.ts';
import type { AudioFormat, Encoding } from './types.ts';

export type JsonObject = Record<string, unknown>;

/** Parses a text frame that must hold a JSON object; `code` names what a bad one is (BAD_START or BAD_MESSAGE). */
export function parseJsonObject(data: string | Uint8Array, code: ErrorCode = 'BAD_MESSAGE'): JsonObject {
  const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  let value: unknown;
  try { value = JSON.parse(text) } catch { throw new AppError(code, 'a text message is not valid JSON') }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError(code, 'a text message is not a JSON object');
  return value as JsonObject;
}

/** Base64 (standard alphabet) to bytes; refuses text that is not base64, so a corrupt payload is not read as audio. */
export function decodeBase64(payload: unknown): Uint8Array {
  if (typeof payload !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw new AppError('BAD_MESSAGE', 'an audio payload is not base64');
  const buf = Buffer.from(payload, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A non-empty string field, or undefined. Numbers are accepted as ids (some bridges send numeric ids). */
export function idField(obj: JsonObject | undefined, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = obj?.[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

export const asObject = (v: unknown): JsonObject | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;

/** Bridges that carry the agent only in custom parameters may leave it out: the call is still analysed and shown to supervisors. */
export const UNASSIGNED_AGENT = 'unassigned';

export const MIN_RATE_HZ = 8000;
export const MAX_RATE_HZ = 48000;

export function checkRate(rateHz: number): void {
  if (!Number.isInteger(rateHz) || rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ) {
    throw new AppError('UNSUPPORTED_RATE', `sample rate ${rateHz} Hz is outside ${MIN_RATE_HZ}-${MAX_RATE_HZ}`);
  }
}

export const bytesPerSample = (encoding: Encoding): number => (encoding === 'pcm16' ? 2 : 1);

/** Refuses a frame that is not a whole number of sample frames (all channels) of the format. */
export function checkFrame(data: Uint8Array, format: AudioFormat): void {
  const frameBytes = bytesPerSample(format.encoding) * format.channels;
  if (data.byteLength % frameBytes !== 0) {
    throw new AppError('BAD_AUDIO_FRAME', `a ${data.byteLength}-byte frame is not a whole number of ${format.channels}-channel ${format.encoding} samples`);
  }
}

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}
