import { pino, type Logger } from 'pino';

export type { Logger };

// Structured logs on stderr (stdout belongs to `replay --json`). Never log transcript text or numbers a caller
// spoke: log ids, counts, codes and timings only. The redact list is a safety net for objects passed by mistake.
export function createLogger(level: string = 'info'): Logger {
  return pino({
    level,
    base: { svc: 'agent-assist' },
    redact: { paths: ['text', '*.text', 'quote', '*.quote', 'words', '*.words', 'transcript', '*.transcript'], censor: '[redacted]' },
  }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
