import * as ort from 'onnxruntime-node';
import { AppError } from '../errors.ts';
import { locateModelFile } from '../models/locate.ts';
import type { VadChannelStream, VadProvider, VadTransition } from '../call/providers.ts';
import { SpeechDetector, type DetectorOptions } from './detector.ts';

// Silero VAD v5/v6 (ONNX). One InferenceSession for the whole process (onnxruntime runs it on its own thread,
// off the event loop); each call channel keeps its own recurrent state and the 64-sample context the model
// expects before each 512-sample (32 ms) window at 16 kHz.

export const WINDOW = 512;
const CONTEXT = 64;
const RATE_HZ = 16000;

export interface SileroOptions extends Partial<DetectorOptions> {
  /** Model file (default: silero-vad/silero_vad_v6.onnx on the model search path). */
  modelPath?: string;
  /** Called with the model time of each window (ms), for metrics. */
  onWindow?: (ms: number) => void;
}

export class SileroVad implements VadProvider {
  private constructor(private readonly session: ort.InferenceSession, private readonly opts: SileroOptions) {}

  static async load(opts: SileroOptions = {}): Promise<SileroVad> {
    const path = opts.modelPath ?? locateModelFile('silero-vad/silero_vad_v6.onnx');
    try {
      const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
      return new SileroVad(session, opts);
    } catch (err) {
      throw new AppError('MODEL_UNAVAILABLE', `Silero VAD could not be loaded from ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  createStream(): SileroStream { return new SileroStream(this.session, new SpeechDetector(this.opts), this.opts.onWindow) }
}

export class SileroStream implements VadChannelStream {
  private state: Float32Array = new Float32Array(2 * 128);
  private readonly input = new Float32Array(CONTEXT + WINDOW);
  private pending = new Float32Array(WINDOW);
  private pendingLen = 0;
  private windows = 0;
  private static readonly sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(RATE_HZ)]), []);
  /** Probability of each window so far (bounded: the last 1,000 windows), for debugging and tests. */
  readonly probabilities: number[] = [];

  constructor(private readonly session: ort.InferenceSession, private readonly detector: SpeechDetector, private readonly onWindow?: (ms: number) => void) {}

  async push(samples: Float32Array): Promise<VadTransition[]> {
    const out: VadTransition[] = [];
    let off = 0;
    while (off < samples.length) {
      const n = Math.min(WINDOW - this.pendingLen, samples.length - off);
      this.pending.set(samples.subarray(off, off + n), this.pendingLen);
      this.pendingLen += n;
      off += n;
      if (this.pendingLen === WINDOW) {
        const p = await this.runWindow(this.pending);
        this.pendingLen = 0;
        const start = (this.windows * WINDOW) / RATE_HZ;
        this.windows++;
        out.push(...this.detector.push(p, start, (this.windows * WINDOW) / RATE_HZ));
      }
    }
    return out;
  }

  flush(): VadTransition[] { return this.detector.flush() }

  private async runWindow(window: Float32Array): Promise<number> {
    this.input.copyWithin(0, WINDOW); // the previous window's last 64 samples become the context
    this.input.set(window, CONTEXT);
    const t0 = performance.now();
    const res = await this.session.run({
      input: new ort.Tensor('float32', this.input.slice(), [1, CONTEXT + WINDOW]),
      state: new ort.Tensor('float32', this.state as Float32Array<ArrayBuffer>, [2, 1, 128]),
      sr: SileroStream.sr,
    });
    this.onWindow?.(performance.now() - t0);
    this.state = res.stateN.data as Float32Array;
    const p = (res.output.data as Float32Array)[0];
    this.probabilities.push(p);
    if (this.probabilities.length > 1000) this.probabilities.splice(0, 500);
    return p;
  }
}
