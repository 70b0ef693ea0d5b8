// Streaming log-mel front end, the TypeScript twin of models/train/asr/dsp.py (log_mel). Parameters come
// from the model's config.json so the two cannot drift: frame i covers samples [hop*i, hop*i + win), periodic
// Hann window, zero-padded real FFT, power spectrum, triangular HTK-mel filters, natural log of
// max(energy, floor), then (x - mean) / std per band. Computed in float64; output is float32.

export interface FeatureConfig {
  sampleRate: number;   // Hz
  winLength: number;    // samples
  hopLength: number;    // samples
  nFft: number;         // power of two
  nMels: number;
  fMin: number;         // Hz
  fMax: number;         // Hz
  logFloor: number;     // energy floor before the log
  melScale: string;     // only 'htk' is implemented
}

const hzToMel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number): number => 700 * (10 ** (m / 2595) - 1);

/** Sparse triangular filters: band j covers FFT bins first[j] .. first[j] + weights[j].length - 1. */
export interface MelFilters { first: Int32Array; weights: Float64Array[] }

export function melFilters(cfg: FeatureConfig): MelFilters {
  if (cfg.melScale !== 'htk') throw new Error(`mel scale ${cfg.melScale} is not implemented`);
  const nBins = cfg.nFft / 2 + 1;
  const lo = hzToMel(cfg.fMin);
  const hi = hzToMel(cfg.fMax);
  const pts = Array.from({ length: cfg.nMels + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (cfg.nMels + 1)));
  const first = new Int32Array(cfg.nMels);
  const weights: Float64Array[] = [];
  for (let j = 0; j < cfg.nMels; j++) {
    const all = new Float64Array(nBins);
    let start = nBins;
    let end = -1;
    for (let k = 0; k < nBins; k++) {
      const f = (k * cfg.sampleRate) / cfg.nFft;
      all[k] = Math.max(0, Math.min((f - pts[j]) / (pts[j + 1] - pts[j]), (pts[j + 2] - f) / (pts[j + 2] - pts[j + 1])));
      if (all[k] > 0) { start = Math.min(start, k); end = k }
    }
    first[j] = end < 0 ? 0 : start;
    weights.push(end < 0 ? new Float64Array(0) : all.slice(start, end + 1));
  }
  return { first, weights };
}

/** In-place iterative radix-2 complex FFT on (re, im) of length n (a power of two). */
export class Fft {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;
  constructor(readonly n: number) {
    if ((n & (n - 1)) !== 0) throw new Error('FFT size must be a power of two');
    this.cos = new Float64Array(n / 2);
    this.sin = new Float64Array(n / 2);
    for (let i = 0; i < n / 2; i++) {
      this.cos[i] = Math.cos((-2 * Math.PI * i) / n);
      this.sin[i] = Math.sin((-2 * Math.PI * i) / n);
    }
    this.rev = new Uint32Array(n);
    const bits = Math.log2(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  transform(re: Float64Array, im: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      const j = this.rev[i];
      if (j > i) {
        let t = re[i]; re[i] = re[j]; re[j] = t;
        t = im[i]; im[i] = im[j]; im[j] = t;
      }
    }
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step];
          const wi = this.sin[k * step];
          const a = start + k;
          const b = a + half;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr; im[b] = im[a] - xi;
          re[a] += xr; im[a] += xi;
        }
      }
    }
  }
}

/**
 * Streaming extractor. push() takes any number of samples and returns the newly completed frames
 * (frames x nMels, row-major); the window overlap is kept between calls, so chunked input gives exactly
 * the frames of the whole signal.
 */
export class LogMelExtractor {
  readonly nMels: number;
  private readonly window: Float64Array;
  private readonly filters: MelFilters;
  private readonly fft: Fft;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;
  private pending: Float32Array;   // samples not yet consumed by a hop
  private pendingLength = 0;

  constructor(private readonly cfg: FeatureConfig, private readonly mean?: ArrayLike<number>, private readonly std?: ArrayLike<number>) {
    this.nMels = cfg.nMels;
    this.window = new Float64Array(cfg.winLength);
    for (let i = 0; i < cfg.winLength; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / cfg.winLength);
    this.filters = melFilters(cfg);
    this.fft = new Fft(cfg.nFft);
    this.re = new Float64Array(cfg.nFft);
    this.im = new Float64Array(cfg.nFft);
    this.power = new Float64Array(cfg.nFft / 2 + 1);
    this.pending = new Float32Array(cfg.winLength * 4);
  }

  /** Forgets buffered samples (start of a new utterance). */
  reset(): void { this.pendingLength = 0 }

  push(samples: Float32Array): Float32Array {
    const { winLength: win, hopLength: hop } = this.cfg;
    const total = this.pendingLength + samples.length;
    if (total > this.pending.length) {
      const grown = new Float32Array(Math.max(total, this.pending.length * 2));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(samples, this.pendingLength);
    this.pendingLength = total;
    const frames = total < win ? 0 : 1 + Math.floor((total - win) / hop);
    const out = new Float32Array(frames * this.nMels);
    for (let f = 0; f < frames; f++) this.frame(this.pending, f * hop, out, f * this.nMels);
    const consumed = frames * hop;
    if (consumed > 0) {
      this.pending.copyWithin(0, consumed, total);
      this.pendingLength = total - consumed;
    }
    return out;
  }

  private frame(x: Float32Array, offset: number, out: Float32Array, at: number): void {
    const { re, im, window, power } = this;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < window.length; i++) re[i] = x[offset + i] * window[i];
    this.fft.transform(re, im);
    for (let k = 0; k < power.length; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    const { first, weights } = this.filters;
    for (let j = 0; j < this.nMels; j++) {
      const w = weights[j];
      const k0 = first[j];
      let e = 0;
      for (let k = 0; k < w.length; k++) e += w[k] * power[k0 + k];
      let v = Math.log(Math.max(e, this.cfg.logFloor));
      if (this.mean && this.std) v = (v - this.mean[j]) / this.std[j];
      out[at + j] = v;
    }
  }
}
