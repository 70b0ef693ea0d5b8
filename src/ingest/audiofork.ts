// FreeSWITCH mod_audio_fork and jambonz `listen` (WS /v1/audiofork, subprotocols audio.drachtio.org and
// audio.jambonz.org): one JSON text frame of call metadata first (jambonz adds sampleRate and mixType and merges
// the verb's `metadata`), then binary frames of 16-bit little-endian linear PCM. mixType mono = the caller only,
// mixed = both parties in one channel, stereo = caller in channel 0 and callee in channel 1.
import { AppError } from '../errors.ts';
import type { Channel } from '../events.ts';
import type { AdapterOutput, AudioFormat, CallEvent, ProtocolAdapter } from './types.ts';
import { asObject, checkFrame, checkRate, idField, parseJsonObject, toBytes, UNASSIGNED_AGENT, type JsonObject } from './wire.ts';

export const AUDIOFORK_SUBPROTOCOLS = ['audio.drachtio.org', 'audio.jambonz.org'] as const;

/** 8000, "8000", "8k", "16k" -> Hz; mod_audio_fork's default is 8 kHz. */
export function parseSampleRate(v: unknown): number {
  if (v === undefined) return 8000;
  const m = /^(\d+)(k?)$/i.exec(String(v).trim());
  if (!m) throw new AppError('BAD_START', 'sampleRate must be a number of Hz or like "16k"');
  const rate = Number(m[1]) * (m[2] ? 1000 : 1);
  checkRate(rate);
  return rate;
}

function channelMapFor(mixType: string, override: unknown): Channel[] {
  if (Array.isArray(override) && override.every((p) => p === 'agent' || p === 'customer') && new Set(override).size === override.length) {
    if (override.length === (mixType === 'stereo' ? 2 : 1)) return override as Channel[];
    throw new AppError('BAD_START', 'channelMap must name one party per channel');
  }
  return mixType === 'stereo' ? ['customer', 'agent'] : ['customer'];
}

export class AudioForkAdapter implements ProtocolAdapter {
  readonly source = 'audiofork' as const;
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
    if (!this.format) return { events: [this.onMetadata(msg)] };
    // jambonz with passDtmf: {"event":"dtmf","dtmf":"5","duration":"..."}
    if (msg.event === 'dtmf') {
      const digit = idField(msg, 'dtmf', 'digit');
      return { events: digit ? [{ kind: 'dtmf', digit }] : [] };
    }
    return { events: [] };
  }

  onClose(): AdapterOutput {
    if (!this.format || this.stopped) return { events: [] };
    this.stopped = true;
    return { events: [{ kind: 'stop', reason: 'socket closed' }] };
  }

  private onMetadata(msg: JsonObject): CallEvent {
    // Custom metadata may come merged at the top level (jambonz) or nested (mod_audio_fork apps often nest it).
    const custom = { ...asObject(msg.metadata), ...asObject(msg.customParameters), ...msg };
    const mixType = typeof custom.mixType === 'string' ? custom.mixType : 'mono';
    if (!['mono', 'mixed', 'stereo'].includes(mixType)) throw new AppError('BAD_START', 'mixType must be mono, mixed or stereo');
    const channelMap = channelMapFor(mixType, custom.channelMap);
    this.format = { encoding: 'pcm16', sampleRateHz: parseSampleRate(custom.sampleRate ?? custom.sampling), channels: channelMap.length as 1 | 2, channelMap };
    return {
      kind: 'start',
      callId: idField(custom, 'callSid', 'call_sid', 'callId', 'uuid') ?? this.newCallId(),
      agentId: idField(custom, 'agentId', 'agent_id') ?? UNASSIGNED_AGENT,
      customerId: idField(custom, 'customerId', 'customer_id'),
      format: this.format,
      meta: { mixType, direction: idField(custom, 'direction') },
    };
  }
}
