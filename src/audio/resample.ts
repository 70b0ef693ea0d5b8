// Band-limited sample-rate conversion by a rational factor L/M with a polyphase windowed-sinc (Kaiser) filter.
// The filter is centred (its delay is compensated), so output sample n sits exactly at time n / toHz: VAD
// edges and word times keep their place. Streaming: history is kept across process() calls.
// The filter loop runs in the native addon (native/dsp) when it is built: measured faster by
// bench/frontend.bench.ts (the TS loop below is the fallback and the reference).
import { loadDspAddon, type DspAddon } from '../../native/dsp/index.ts';

export interface ResamplerOptions {
  /** Stop-band attenuation (dB). */
  attenuationDb: number;
  /** Transition width as a fraction of the lower Nyquist frequency; the pass band ends at 1 - width of it. */
  transitionFraction: number;
  /** Use the native filter loop when the addon is built (false: always the TypeScript loop). */
  native: boolean;
}
export const DEFAULT_RESAMPLER_OPTIONS: ResamplerOptions = { attenuationDb: 80, transitionFraction: 0.1, native: true };

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1, term = 1;
  for (let k = 1; k < 50; k++) { term *= (x / (2 * k)) ** 2; sum += term; if (term < 1e-12 * sum) break }
  return sum;
}

export class Resampler {
  readonly up: number;      // L
  readonly down: number;    // M
  private readonly taps: number;       // K, taps per phase
  private readonly phases: Float32Array; // phases[phi * K + k] = h[phi + k * L]
  private readonly centre: number;     // C, filter centre at the high rate
  private buf = new Float32Array(4096);
  private bufStart = 0;   // absolute index of buf[0]
  private bufLen = 0;
  private inputCount = 0; // absolute input samples received
  private outIndex = 0;   // absolute index of the next output sample
  private flushed = false;
  private readonly dsp: DspAddon | null;
  /** Each phase's taps in reverse order, for the native loop (it walks input and taps forward). */
  private readonly reversedPhases: Float32Array | null = null;

  constructor(readonly fromHz: number, readonly toHz: number, opts: Partial<ResamplerOptions> = {}) {
    const o = { ...DEFAULT_RESAMPLER_OPTIONS, ...opts };
    const g = gcd(fromHz, toHz);
    this.up = toHz / g;
    this.down = fromHz / g;
    const highHz = fromHz * this.up;
    const nyquistLow = Math.min(fromHz, toHz) / 2;
    const widthHz = o.transitionFraction * nyquistLow;
    const cutoffHz = nyquistLow - widthHz / 2; // pass band to nyquist - width, stop band from nyquist
    // Kaiser's estimate of the length for the attenuation and transition width.
    const n = Math.ceil((o.attenuationDb - 8) / (2.285 * 2 * Math.PI * (widthHz / highHz)));
    this.taps = Math.max(2, Math.ceil(n / this.up));
    const total = this.taps * this.up;
    this.centre = Math.floor((total - 1) / 2);
    const beta = o.attenuationDb > 50 ? 0.1102 * (o.attenuationDb - 8.7) : 0.5842 * (o.attenuationDb - 21) ** 0.4 + 0.07886 * (o.attenuationDb - 21);
    const fc = cutoffHz / highHz; // cycles per high-rate sample
    const i0b = besselI0(beta);
    const mid = (total - 1) / 2;
    this.phases = new Float32Array(total);
    for (let j = 0; j < total; j++) {
      const x = j - this.centre;
      const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
      const r = (j - mid) / mid;
      const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
      const phi = j % this.up, k = Math.floor(j / this.up);
      this.phases[phi * this.taps + k] = sinc * w * this.up; // gain L restores the level lost to zero-stuffing
    }
    this.dsp = o.native ? loadDspAddon() : null;
    if (this.dsp) {
      const K = this.taps;
      this.reversedPhases = new Float32Array(total);
      for (let phi = 0; phi < this.up; phi++) for (let k = 0; k < K; k++) this.reversedPhases[phi * K + K - 1 - k] = this.phases[phi * K + k];
    }
  }

  /** Whether this instance filters with the native addon. */
  get isNative(): boolean { return this.dsp !== null }

  /** Converts the next chunk; returns the output samples that are now complete. */
  process(chunk: Float32Array): Float32Array {
    if (this.flushed) throw new Error('Resampler: process() after flush()');
    this.append(chunk);
    this.inputCount += chunk.length;
    return this.produce(this.inputCount);
  }

  /** End of stream: the samples held back for the filter's look-ahead. */
  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    const total = Math.ceil((this.inputCount * this.up) / this.down);
    this.append(new Float32Array(this.taps + 1)); // zeros past the end
    return this.produce(this.inputCount + this.taps + 1, total);
  }

  private append(chunk: Float32Array): void {
    if (this.bufLen + chunk.length > this.buf.length) {
      const next = new Float32Array(Math.max(this.buf.length * 2, this.bufLen + chunk.length));
      next.set(this.buf.subarray(0, this.bufLen));
      this.buf = next;
    }
    this.buf.set(chunk, this.bufLen);
    this.bufLen += chunk.length;
  }

  /** Emits outputs whose newest input sample is below `available` (and below `limit` outputs in all). */
  private produce(available: number, limit = Infinity): Float32Array {
    const { up: L, down: M, taps: K, phases, centre: C } = this;
    // output n needs input index i = floor((n*M + C) / L) to exist
    let last = Math.floor((available * L - C - 1) / M); // largest n with i < available
    if (last + 1 > limit) last = limit - 1;
    const count = Math.max(0, last + 1 - this.outIndex);
    const out = new Float32Array(count);
    const buf = this.buf, base = this.bufStart;
    if (this.dsp && count > 0) this.dsp.polyphase(buf.subarray(0, this.bufLen), base, this.outIndex, L, M, C, K, this.reversedPhases!, out);
    else for (let o = 0; o < count; o++) {
      const q = (this.outIndex + o) * M + C;
      const i = Math.floor(q / L), phi = q - i * L;
      const off = phi * K;
      let acc = 0;
      const kMax = Math.min(K, i - base + 1); // samples before the buffer start are zeros (or long gone)
      for (let k = 0, x = i - base; k < kMax; k++, x--) acc += buf[x] * phases[off + k];
      out[o] = acc;
    }
    this.outIndex += count;
    // keep only the history the next output can still reach
    const nextI = Math.floor((this.outIndex * M + C) / L);
    const keepFrom = Math.max(this.bufStart, nextI - K + 1);
    const drop = Math.min(keepFrom - this.bufStart, this.bufLen);
    if (drop > 0) {
      this.buf.copyWithin(0, drop, this.bufLen);
      this.bufLen -= drop;
      this.bufStart += drop;
    }
    return out;
  }
}

/** One-shot conversion of a whole signal. */
export function resample(samples: Float32Array, fromHz: number, toHz: number): Float32Array {
  if (fromHz === toHz) return samples.slice();
  const r = new Resampler(fromHz, toHz);
  const a = r.process(samples), b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a); out.set(b, a.length);
  return out;
}
