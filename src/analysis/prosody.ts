import type { Word } from '../events.ts';

// Per-utterance prosody from 16 kHz mono Float32 audio: pitch (YIN on a 2x-decimated signal, voiced frames
// only), energy (RMS dB of active frames) and speaking rate (word times when given, else syllable nuclei counted
// on the energy envelope, de Jong & Wempe 2009 style). Budget: under 3 ms of CPU per second of audio, so it runs
// on the event loop next to the text classifier.

export interface ProsodyOptions {
  sampleRateHz: number;
  minPitchHz: number;
  maxPitchHz: number;
  /** Hop between pitch frames (ms). */
  pitchHopMs: number;
  /** YIN integration window (ms); must hold about two periods of minPitchHz. */
  pitchWindowMs: number;
  /** YIN threshold on the cumulative mean normalised difference (0.1-0.2 in the paper). */
  yinThreshold: number;
  /** Frames crossing zero more often than this (per sample, at 8 kHz) are unvoiced. */
  maxZeroCrossingRate: number;
  /** Energy frames (ms). */
  energyFrameMs: number;
  /** Frames quieter than (loudest frame - this) or below absoluteFloorDb are silence (dB). */
  activeRangeDb: number;
  absoluteFloorDb: number;
  /** Syllables per word, to turn a syllable rate into words per second. */
  syllablesPerWord: number;
}
export const DEFAULT_PROSODY_OPTIONS: ProsodyOptions = {
  sampleRateHz: 16000, minPitchHz: 60, maxPitchHz: 400, pitchHopMs: 20, pitchWindowMs: 30, yinThreshold: 0.25, maxZeroCrossingRate: 0.3,
  energyFrameMs: 10, activeRangeDb: 30, absoluteFloorDb: -60, syllablesPerWord: 1.4,
};

export interface Prosody {
  durationS: number;
  /** F0 per pitch frame (Hz), 0 where unvoiced; one value every pitchHopMs. */
  pitchContourHz: Float32Array;
  /** Statistics over voiced frames; null when fewer than 3 frames are voiced. */
  pitchMeanHz: number | null;
  pitchMedianHz: number | null;
  /** Spread of pitch: 90th minus 10th percentile, in semitones. */
  pitchRangeSt: number | null;
  voicedFraction: number;
  /** Mean RMS level of active frames (dBFS); null for silence. */
  energyDb: number | null;
  /** 90th percentile frame level (dBFS): tracks shouting peaks. */
  energyP90Db: number | null;
  /** Words per second; null when neither words nor enough speech are available. */
  rateWps: number | null;
  rateSource: 'words' | 'syllables' | 'none';
  syllables: number;
}

/** Prosody of one utterance. `words` (with times in any common origin) give the speaking rate directly. */
export function computeProsody(audio: Float32Array, words?: Word[], opts: Partial<ProsodyOptions> = {}): Prosody {
  const o = { ...DEFAULT_PROSODY_OPTIONS, ...opts };
  const durationS = audio.length / o.sampleRateHz;
  const frameDb = energyFrames(audio, Math.round((o.energyFrameMs / 1000) * o.sampleRateHz));
  const loudest = frameDb.reduce((m, v) => Math.max(m, v), -Infinity);
  const activeFloor = Math.max(loudest - o.activeRangeDb, o.absoluteFloorDb);
  const active = frameDb.filter((v) => v >= activeFloor);
  const pitch = trackPitch(audio, frameDb, activeFloor, o);
  const voiced = Array.from(pitch).filter((f) => f > 0).sort((a, b) => a - b);
  const stats = voiced.length >= 3 ? pitchStats(voiced) : null;
  const syllables = countSyllableNuclei(frameDb, activeFloor, pitch, o);
  const rate = speakingRate(words, syllables, frameDb, activeFloor, o);
  const sortedActive = [...active].sort((a, b) => a - b);
  return {
    durationS,
    pitchContourHz: pitch,
    pitchMeanHz: stats?.mean ?? null,
    pitchMedianHz: stats?.median ?? null,
    pitchRangeSt: stats?.rangeSt ?? null,
    voicedFraction: pitch.length > 0 ? voiced.length / pitch.length : 0,
    energyDb: active.length > 0 ? active.reduce((s, v) => s + v, 0) / active.length : null,
    energyP90Db: sortedActive.length > 0 ? percentile(sortedActive, 0.9) : null,
    rateWps: rate.wps,
    rateSource: rate.source,
    syllables,
  };
}

function energyFrames(audio: Float32Array, frame: number): Float32Array {
  const n = Math.floor(audio.length / frame);
  const out = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    let s = 0;
    for (let i = f * frame, e = i + frame; i < e; i++) s += audio[i] * audio[i];
    out[f] = 10 * Math.log10(s / frame + 1e-12);
  }
  return out;
}

/**
 * YIN (de Cheveigné & Kawahara 2002) on the signal decimated to 8 kHz (enough for 60-400 Hz; halves the cost),
 * only on active frames. Returns F0 per hop, 0 when unvoiced, after a 3-point median against octave jumps.
 */
export function trackPitch(audio: Float32Array, frameDb: Float32Array, activeFloor: number, o: ProsodyOptions): Float32Array {
  const sr = o.sampleRateHz / 2;
  const x = decimate2(audio);
  const hop = Math.round((o.pitchHopMs / 1000) * sr);
  const win = Math.round((o.pitchWindowMs / 1000) * sr);
  const tauMin = Math.max(2, Math.floor(sr / o.maxPitchHz));
  const tauMax = Math.ceil(sr / o.minPitchHz);
  const nFrames = Math.max(0, Math.floor((x.length - win - tauMax) / hop) + 1);
  const out = new Float32Array(nFrames);
  const d = new Float64Array(tauMax + 2);
  const energyPerPitchFrame = (o.pitchHopMs / o.energyFrameMs);
  for (let f = 0; f < nFrames; f++) {
    const e = frameDb[Math.min(frameDb.length - 1, Math.round((f + 0.5) * energyPerPitchFrame))];
    if (!(e >= activeFloor)) continue;
    const off = f * hop;
    // Noise and fricatives cross zero far more often than voiced speech (a 400 Hz voice with its formants stays
    // well under 0.25 crossings per sample at 8 kHz); skipping them saves the most expensive frames.
    let crossings = 0;
    for (let j = off + 1; j < off + win; j++) if ((x[j] >= 0) !== (x[j - 1] >= 0)) crossings++;
    if (crossings / win > o.maxZeroCrossingRate) continue;
    // Difference function d(tau), normalised by its cumulative mean as it goes, so the scan stops at the first
    // dip under the threshold (about half the work for a typical voice) instead of always reaching tauMax.
    let running = 0;
    let found = -1;
    d[0] = 1;
    for (let tau = 1; tau <= tauMax + 1; tau++) {
      let s = 0;
      // Every other sample of the window: the sum still spans two periods of 60 Hz, at half the cost.
      for (let j = 0; j < win; j += 2) { const diff = x[off + j] - x[off + j + tau]; s += diff * diff; }
      running += s;
      d[tau] = running > 0 ? (s * tau) / running : 1;
      if (found < 0 && tau - 1 >= tauMin && d[tau - 1] < o.yinThreshold && d[tau] >= d[tau - 1]) { found = tau - 1; break; }
    }
    if (found < 0 || found + 1 > tauMax + 1) continue;
    // Parabolic interpolation of the minimum for sub-sample period.
    const a = d[found - 1], b = d[found], c = d[found + 1];
    const den = a - 2 * b + c;
    const shift = den !== 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
    out[f] = sr / (found + shift);
  }
  return medianOfThreeVoiced(out);
}

function decimate2(audio: Float32Array): Float32Array {
  const n = Math.floor(audio.length / 2);
  const out = new Float32Array(n);
  // [1 2 1]/4 low-pass: zero at 4 kHz, the new Nyquist, so aliasing of speech energy above it is damped.
  for (let i = 0; i < n; i++) {
    const k = 2 * i;
    out[i] = 0.25 * (audio[k - 1] ?? audio[k]) + 0.5 * audio[k] + 0.25 * (audio[k + 1] ?? audio[k]);
  }
  return out;
}

function medianOfThreeVoiced(p: Float32Array): Float32Array {
  const out = new Float32Array(p);
  for (let i = 1; i < p.length - 1; i++) {
    if (p[i] === 0 || p[i - 1] === 0 || p[i + 1] === 0) continue;
    const a = p[i - 1], b = p[i], c = p[i + 1];
    out[i] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
  return out;
}

function pitchStats(sortedHz: number[]): { mean: number; median: number; rangeSt: number } {
  const mean = sortedHz.reduce((s, v) => s + v, 0) / sortedHz.length;
  const p10 = percentile(sortedHz, 0.1), p90 = percentile(sortedHz, 0.9);
  return { mean, median: percentile(sortedHz, 0.5), rangeSt: 12 * Math.log2(p90 / p10) };
}

function percentile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Syllable nuclei: peaks of the smoothed energy envelope that stand at least 2 dB above the dip before them,
 * sit in active speech and, when any frame is voiced, in a voiced region.
 */
function countSyllableNuclei(frameDb: Float32Array, activeFloor: number, pitch: Float32Array, o: ProsodyOptions): number {
  const n = frameDb.length;
  if (n < 3) return 0;
  const env = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // 50 ms moving average: one syllable is 100-300 ms, so this keeps one peak per nucleus.
    let s = 0, c = 0;
    for (let k = Math.max(0, i - 2); k <= Math.min(n - 1, i + 2); k++) { s += frameDb[k]; c++; }
    env[i] = s / c;
  }
  const anyVoiced = pitch.some((f) => f > 0);
  const perPitch = o.pitchHopMs / o.energyFrameMs;
  const peakFloor = activeFloor + 6;
  let count = 0;
  let dip = Infinity;
  let lastPeak = -Infinity;
  for (let i = 1; i < n - 1; i++) {
    dip = Math.min(dip, env[i]);
    if (!(env[i] >= env[i - 1] && env[i] > env[i + 1] && env[i] >= peakFloor)) continue;
    if (env[i] - dip < 2 && i - lastPeak < 30) continue;
    if (anyVoiced) {
      const p = Math.floor(i / perPitch);
      const near = [p - 1, p, p + 1].some((k) => k >= 0 && k < pitch.length && pitch[k] > 0);
      if (!near) continue;
    }
    count++;
    lastPeak = i;
    dip = env[i];
  }
  return count;
}

function speakingRate(words: Word[] | undefined, syllables: number, frameDb: Float32Array, activeFloor: number, o: ProsodyOptions): { wps: number | null; source: Prosody['rateSource'] } {
  if (words && words.length >= 2) {
    const span = words[words.length - 1].end - words[0].start;
    if (span > 0.3) return { wps: words.length / span, source: 'words' };
  }
  // Syllable rate over the span from the first to the last active frame (pauses inside count, as for words).
  let first = -1, last = -1;
  for (let i = 0; i < frameDb.length; i++) if (frameDb[i] >= activeFloor) { if (first < 0) first = i; last = i; }
  const spanS = first < 0 ? 0 : ((last - first + 1) * o.energyFrameMs) / 1000;
  if (spanS < 0.3 || syllables === 0) return { wps: null, source: 'none' };
  return { wps: syllables / spanS / o.syllablesPerWord, source: 'syllables' };
}
