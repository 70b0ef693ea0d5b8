// Genesys Cloud AudioHook v2 (WS /v1/audiohook). The client (Genesys) sends open, ping, paused, resumed, update,
// discarded, error, close; the server answers opened, pong, closed. Every message carries the session `id`,
// its own `seq` (1, 2, ...) and the last sequence number seen from the other side (`serverseq` / `clientseq`).
// Binary frames are audio in the media chosen in `opened`; stereo is interleaved in the order of `channels`.
import { AppError } from '../errors.ts';
import type { Channel } from '../events.ts';
import type { AdapterOutput, AudioFormat, CallEvent, ProtocolAdapter } from './types.ts';
import { asObject, checkFrame, idField, parseJsonObject, toBytes, UNASSIGNED_AGENT, type JsonObject } from './wire.ts';

/** external = the customer's side of the conversation, internal = the agent's (AudioHook's own terms). */
const CHANNEL_PARTY: Record<string, Channel> = { external: 'customer', internal: 'agent' };
const NULL_UUID = '00000000-0000-0000-0000-000000000000';

export interface AudioHookMedia { type: 'audio'; format: 'PCMU' | 'L16'; channels: string[]; rate: number }

/** Prefers stereo (both parties) over mono, and PCMU (half the bytes) over L16; only 8 kHz, as AudioHook defines. */
export function chooseMedia(offered: unknown): AudioHookMedia | null {
  if (!Array.isArray(offered)) return null;
  const valid = offered.map(asObject).filter((m): m is JsonObject => Boolean(m)).filter((m) =>
    m.type === 'audio' && (m.format === 'PCMU' || m.format === 'L16') && m.rate === 8000 && Array.isArray(m.channels)
    && m.channels.length >= 1 && m.channels.length <= 2 && m.channels.every((c) => typeof c === 'string' && c in CHANNEL_PARTY)
    && new Set(m.channels).size === m.channels.length) as unknown as AudioHookMedia[];
  const score = (m: AudioHookMedia) => m.channels.length * 2 + (m.format === 'PCMU' ? 1 : 0);
  return valid.sort((a, b) => score(b) - score(a))[0] ?? null;
}

type State = 'new' | 'probe' | 'open' | 'closed';

export class AudioHookAdapter implements ProtocolAdapter {
  readonly source = 'audiohook' as const;
  private state: State = 'new';
  private sessionId: string | null = null;
  private seq = 0;          // our last server message sequence number
  private clientseq = 0;    // the last client message sequence number received
  private format: AudioFormat | null = null;
  private stopped = false;

  onMessage(data: string | Uint8Array, isBinary: boolean): AdapterOutput {
    if (isBinary) return { events: this.onAudio(toBytes(data)) };
    const msg = parseJsonObject(data, this.state === 'new' ? 'BAD_START' : 'BAD_MESSAGE');
    this.checkEnvelope(msg);
    const params = asObject(msg.parameters) ?? {};
    switch (msg.type) {
      case 'open': return this.onOpen(params);
      case 'ping': return { events: [], replies: [this.reply('pong', {})] };
      case 'paused': return { events: this.started() ? [{ kind: 'pause' }] : [] };
      case 'resumed': return { events: this.started() ? [{ kind: 'resume' }] : [] };
      case 'update': case 'discarded': case 'error': return { events: [] }; // informational: audio continues
      case 'close': {
        const events = this.stopEvents(`close: ${typeof params.reason === 'string' ? params.reason : 'end'}`);
        this.state = 'closed';
        return { events, replies: [this.reply('closed', {})] };
      }
      default: throw new AppError('BAD_MESSAGE', 'unknown AudioHook client message type');
    }
  }

  onClose(): AdapterOutput {
    return { events: this.stopEvents('socket closed') };
  }

  private started(): boolean { return this.state === 'open' && this.format !== null }

  private stopEvents(reason: string): CallEvent[] {
    if (!this.started() || this.stopped) return [];
    this.stopped = true;
    return [{ kind: 'stop', reason }];
  }

  /** Sequence numbers and the session id, checked as the AudioHook reference server does. */
  private checkEnvelope(msg: JsonObject): void {
    if (msg.version !== '2') throw new AppError(this.state === 'new' ? 'BAD_START' : 'BAD_MESSAGE', 'AudioHook messages must have version "2"');
    if (typeof msg.type !== 'string' || typeof msg.id !== 'string') throw new AppError('BAD_MESSAGE', 'an AudioHook message needs type and id');
    if (msg.seq !== this.clientseq + 1) throw new AppError('BAD_MESSAGE', `AudioHook seq ${String(msg.seq)} does not follow ${this.clientseq}`);
    if (typeof msg.serverseq !== 'number' || msg.serverseq > this.seq) throw new AppError('BAD_MESSAGE', 'AudioHook serverseq is ahead of the server');
    if (this.sessionId === null) this.sessionId = msg.id;
    else if (msg.id !== this.sessionId) throw new AppError('BAD_MESSAGE', 'AudioHook session id changed');
    this.clientseq = msg.seq;
  }

  private onOpen(params: JsonObject): AdapterOutput {
    if (this.state !== 'new') throw new AppError('BAD_MESSAGE', 'a second open message on the same session');
    const conversationId = idField(params, 'conversationId');
    if (!conversationId) throw new AppError('BAD_START', 'open needs parameters.conversationId');
    const media = chooseMedia(params.media);
    if (!media) throw new AppError('UNSUPPORTED_ENCODING', 'open offers no PCMU or L16 8 kHz audio with external/internal channels');
    const opened = this.reply('opened', { media: [media], startPaused: false });
    // Genesys probes a server with a null conversation id: answer it, but it is not a call.
    if (conversationId === NULL_UUID) { this.state = 'probe'; return { events: [], replies: [opened] } }
    this.state = 'open';
    this.format = {
      encoding: media.format === 'PCMU' ? 'mulaw' : 'pcm16', sampleRateHz: media.rate,
      channels: media.channels.length as 1 | 2, channelMap: media.channels.map((c) => CHANNEL_PARTY[c]),
    };
    const custom = asObject(params.customConfig);
    const participant = asObject(params.participant);
    const start: CallEvent = {
      kind: 'start', callId: conversationId, agentId: idField(custom, 'agentId') ?? UNASSIGNED_AGENT,
      // The participant id is a Genesys UUID; ani (a phone number) is personal data and is not used as an id.
      customerId: idField(custom, 'customerId') ?? idField(participant, 'id'), format: this.format,
      meta: { sessionId: this.sessionId, organizationId: idField(params, 'organizationId'), language: idField(params, 'language') },
    };
    return { events: [start], replies: [opened] };
  }

  private onAudio(bytes: Uint8Array): CallEvent[] {
    if (this.state === 'probe' || this.state === 'closed' || this.stopped) return [];
    if (!this.format) throw new AppError('AUDIO_BEFORE_START');
    checkFrame(bytes, this.format);
    return bytes.byteLength > 0 ? [{ kind: 'audio', data: bytes }] : [];
  }

  /**
   * A server `event` message (e.g. transcripts back to Genesys) numbered in this session's sequence, or null
   * when the session is not open. The socket layer sends it; the adapter only keeps the numbering right.
   */
  eventMessage(entities: JsonObject[]): string | null {
    return this.started() && !this.stopped ? this.reply('event', { entities }) : null;
  }

  /** A transcript entity (AudioHook's shape) for `eventMessage`; times in seconds of call audio. */
  static transcriptEntity(t: { utteranceId: string; channel: Channel; text: string; final: boolean; start: number; end: number; confidence?: number }): JsonObject {
    const dur = (s: number) => `PT${Math.max(0, Math.round(s * 1000) / 1000)}S`;
    return {
      type: 'transcript',
      data: {
        id: t.utteranceId, channel: t.channel === 'customer' ? 'external' : 'internal', isFinal: t.final,
        offset: dur(t.start), duration: dur(t.end - t.start),
        alternatives: [{ confidence: t.confidence ?? 1, interpretations: [{ type: 'display', transcript: t.text }] }],
      },
    };
  }

  private reply(type: string, parameters: JsonObject): string {
    return JSON.stringify({ version: '2', type, seq: ++this.seq, clientseq: this.clientseq, id: this.sessionId, parameters });
  }
}
