// Recent audio of one channel, addressed by absolute sample index, so an utterance can start where the VAD
// says speech began (the VAD decides a start only after minSpeechMs of speech has been heard).
export class AudioBacklog {
  private readonly buf: Float32Array;
  /** Absolute index of the next sample to be appended. */
  end = 0;

  constructor(capacitySamples: number) { this.buf = new Float32Array(capacitySamples) }

  get start(): number { return Math.max(0, this.end - this.buf.length) }

  append(samples: Float32Array): void {
    const cap = this.buf.length;
    const src = samples.length > cap ? samples.subarray(samples.length - cap) : samples;
    const skipped = samples.length - src.length;
    let pos = (this.end + skipped) % cap;
    const first = Math.min(src.length, cap - pos);
    this.buf.set(src.subarray(0, first), pos);
    if (first < src.length) this.buf.set(src.subarray(first), 0);
    this.end += samples.length;
  }

  /** Copy of samples [from, to), clamped to what is still held. */
  slice(from: number, to: number): Float32Array {
    const s = Math.max(from, this.start), e = Math.min(to, this.end);
    if (e <= s) return new Float32Array(0);
    const out = new Float32Array(e - s);
    const cap = this.buf.length;
    const pos = s % cap;
    const first = Math.min(out.length, cap - pos);
    out.set(this.buf.subarray(pos, pos + first), 0);
    if (first < out.length) out.set(this.buf.subarray(0, out.length - first), first);
    return out;
  }
}
