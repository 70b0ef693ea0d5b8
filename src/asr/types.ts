// Speech recognizer interface. An engine is loaded once per process; each call channel gets a cheap stream.
// Audio is 16 kHz mono Float32 in [-1, 1]. Times in results are seconds from the start of the utterance
// (the first sample passed to accept() after the previous finish()); the call session maps them to call time.

export interface AsrWord { w: string; start: number; end: number }
export interface AsrResult { text: string; words?: AsrWord[]; confidence?: number }

export interface AsrStream {
  /** Append audio of the current utterance. Never blocks: decoding happens off the event loop. */
  accept(samples: Float32Array): void;
  /** Best hypothesis for the audio accepted so far in this utterance (waits for pending decoding). */
  partial(): Promise<AsrResult>;
  /** Ends the utterance (the VAD's speech end) and returns the final; the stream is then ready for the next one.
   *  `speechEndedMsAgo`: how long ago the speech ended (the VAD decides after some silence), for deadlines. */
  finish(info?: { speechEndedMsAgo: number }): Promise<AsrResult>;
  /** Frees the stream's decoder state. */
  close(): void;
}

/** What an engine may want to know about the audio of a stream before it starts. */
export interface AsrStreamOptions {
  /** The call's rate before the front end resampled it to 16 kHz: 8000 for telephone audio. An engine with a
   *  narrowband model (or narrowband features) may decode such a stream differently. */
  sourceRateHz?: number;
  /** The session must give the same output on every run (replay at --speed max): no load-dependent choices. */
  deterministic?: boolean;
}

export interface AsrEngine {
  readonly name: string;
  /** Each partial() and finish() answers for exactly the audio accepted before it, whenever it is asked and
   *  however busy the engine is: its requests can be made ahead of time (replay's decode-ahead, lookahead.ts). */
  readonly orderedResults?: boolean;
  createStream(opts?: AsrStreamOptions): AsrStream;
  /** Resolves once every stream's queued work is done (used by replay at --speed max to stay deterministic). */
  settled?(): Promise<void>;
  close(): Promise<void>;
}

export type AsrEngineName = 'auto' | 'embedded' | 'pocketsphinx' | 'sherpa' | 'none';
