// One catalogue of error codes. A code is stable (clients match on it); the message is for humans.
// `close` is the WebSocket close status used when the error ends a socket.
export const ERRORS = {
  BAD_START: { close: 1008, message: 'the first message must be a valid start message' },
  BAD_MESSAGE: { close: 1007, message: 'a message could not be parsed' },
  UNSUPPORTED_ENCODING: { close: 1003, message: 'unsupported audio encoding' },
  UNSUPPORTED_RATE: { close: 1003, message: 'unsupported sample rate' },
  BAD_AUDIO_FRAME: { close: 1007, message: 'an audio frame has a size that does not fit the encoding' },
  AUDIO_BEFORE_START: { close: 1008, message: 'audio arrived before the start message' },
  PAYLOAD_TOO_LARGE: { close: 1009, message: 'a frame is larger than the limit' },
  DUPLICATE_CALL: { close: 1008, message: 'a call with this id is already streaming' },
  UNAUTHORIZED: { close: 1008, message: 'missing or invalid credentials' },
  BACKLOG_OVERFLOW: { close: 1013, message: 'the server cannot keep up with this call' },
  MODEL_UNAVAILABLE: { close: 1011, message: 'a model could not be loaded' },
  ENGINE_UNAVAILABLE: { close: 1011, message: 'a speech engine is not installed' },
  INTERNAL: { close: 1011, message: 'internal error' },
  ANALYSIS_DEGRADED: { close: 1011, message: 'an utterance was analysed without one of its engines (neutral result)' },
  NOT_FOUND: { close: 1008, message: 'not found' },
  BAD_REQUEST: { close: 1008, message: 'bad request' },
  CONFIG_INVALID: { close: 1011, message: 'the configuration is invalid' },
} as const;
export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERRORS[code].message, options);
    this.code = code;
    this.name = 'AppError';
  }
  get closeCode(): number { return ERRORS[this.code].close }
  toJSON(): { type: 'error'; code: ErrorCode; message: string } {
    return { type: 'error', code: this.code, message: this.message };
  }
}
