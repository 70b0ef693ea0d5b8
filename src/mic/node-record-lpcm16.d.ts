declare module 'node-record-lpcm16' {
  import type { Readable } from 'node:stream';
  interface Recording { stream(): Readable; stop(): void; pause(): void; resume(): void }
  const record: { record(opts: { sampleRate?: number; channels?: number; recorder?: string; audioType?: string; device?: string | null }): Recording };
  export default record;
}
