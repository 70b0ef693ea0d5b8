// Decode-ahead for replay at --speed max. A deterministic session awaits every partial and final in call order,
// so the recognizer works on one utterance at a time while the parties mostly take turns: one decoding worker
// busy, the other core idle. Here a second
// copy of each channel's pipeline runs up to a bounded stretch of audio ahead of the session, with its own VAD,
// issuing the same recognizer requests in the same order without waiting for their results; the session's
// channel then takes those results in order instead of asking the recognizer itself. Both channels' workers
// decode in parallel, and what the session sees (every result, in the same order) is what it saw without.
// Measured (`npm run bench -- replay`, 8 fixture calls, one run): PocketSphinx 1.8x real time without, 3.0x with.
import { AppError } from '../errors.ts';
import type { AsrResult, AsrStream } from '../asr/types.ts';
import type { ChannelListener } from './channel.ts';

type Request = 'partial' | 'finish';
interface Recorded { kind: Request; result: Promise<AsrResult> }

/**
 * One channel's recognizer requests, recorded by the decode-ahead pipeline (`ahead`) and replayed to the
 * session's pipeline (`behind`). The two make the same calls in the same order because both run the same VAD
 * and feed logic over the same audio; a mismatch is a bug and fails loudly rather than mixing up utterances.
 */
export class AsrLookahead {
  private readonly recorded: Recorded[] = [];
  private readonly waiting: Array<{ kind: Request; resolve: (r: Promise<AsrResult>) => void; reject: (e: unknown) => void }> = [];
  /** The decode-ahead pipeline can make no further request: it ended, or it failed (`failure`). */
  private ended = false;
  private failure: AppError | null = null;

  constructor(private readonly stream: AsrStream) {}

  /** The stream the decode-ahead pipeline drives: the real recognizer, with every request recorded. */
  readonly ahead: AsrStream = {
    accept: (samples) => this.stream.accept(samples),
    partial: () => this.record('partial', this.stream.partial()),
    finish: (info) => this.record('finish', this.stream.finish(info)),
    close: () => this.stream.close(),
  };

  /** The stream the session's pipeline drives: audio is already with the recognizer; results come in order. */
  readonly behind: AsrStream = {
    accept: () => {},
    partial: () => this.take('partial'),
    finish: () => this.take('finish'),
    close: () => {},
  };

  /** The decode-ahead pipeline has ended (or failed, `cause`): a request it never made can no longer come. */
  end(cause?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (cause !== undefined) this.failure = new AppError('INTERNAL', `replay decode-ahead failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    for (const w of this.waiting.splice(0)) w.reject(this.failure ?? outOfStep(w.kind, 'none'));
  }

  private record(kind: Request, result: Promise<AsrResult>): Promise<AsrResult> {
    result.catch(() => {}); // reported by the session's pipeline when it takes this result
    const w = this.waiting.shift();
    if (!w) this.recorded.push({ kind, result });
    else if (w.kind !== kind) w.reject(outOfStep(w.kind, kind));
    else w.resolve(result);
    return result;
  }

  private take(kind: Request): Promise<AsrResult> {
    const r = this.recorded.shift();
    if (r) return r.kind === kind ? r.result : Promise.reject(outOfStep(kind, r.kind));
    if (this.ended) return Promise.reject(this.failure ?? outOfStep(kind, 'none'));
    return new Promise<AsrResult>((resolve, reject) => this.waiting.push({ kind, resolve, reject }));
  }
}

function outOfStep(wanted: Request, got: Request | 'none'): AppError {
  return new AppError('INTERNAL', `replay decode-ahead out of step: the session asked for a ${wanted}, the decode-ahead pipeline made ${got === 'none' ? 'no further request' : `a ${got}`}`);
}

/** The decode-ahead pipeline reports nothing: the session's own pipeline reports everything. */
export const silentListener: ChannelListener = {
  vad: () => {}, partial: () => {}, final: async () => {}, finalPending: () => {}, finalSettled: () => {}, asrError: () => {},
};
