// Cuts a stream of arbitrary-sized chunks into whole frames of frameMs (default 20 ms), keeping the remainder
// for the next push. Frames are fresh arrays: a consumer may keep them.

export class Framer {
  readonly frameSamples: number;
  private readonly pending: Float32Array;
  private pendingLen = 0;

  constructor(readonly sampleRateHz: number, readonly frameMs = 20) {
    const n = (sampleRateHz * frameMs) / 1000;
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Framer: ${frameMs} ms at ${sampleRateHz} Hz is not a whole number of samples`);
    this.frameSamples = n;
    this.pending = new Float32Array(n);
  }

  /** Samples held back until the next push (fewer than one frame). */
  get remainder(): number { return this.pendingLen }

  push(chunk: Float32Array): Float32Array[] {
    const n = this.frameSamples;
    const frames: Float32Array[] = [];
    let off = 0;
    if (this.pendingLen > 0) {
      const take = Math.min(n - this.pendingLen, chunk.length);
      this.pending.set(chunk.subarray(0, take), this.pendingLen);
      this.pendingLen += take;
      off = take;
      if (this.pendingLen < n) return frames;
      frames.push(this.pending.slice());
      this.pendingLen = 0;
    }
    for (; off + n <= chunk.length; off += n) frames.push(chunk.slice(off, off + n));
    this.pending.set(chunk.subarray(off), 0);
    this.pendingLen = chunk.length - off;
    return frames;
  }

  /** End of stream: the last partial frame zero-padded to full length, or nothing. */
  flush(): Float32Array[] {
    if (this.pendingLen === 0) return [];
    const last = new Float32Array(this.frameSamples);
    last.set(this.pending.subarray(0, this.pendingLen));
    this.pendingLen = 0;
    return [last];
  }
}
