import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

// Optional acoustic emotion engine: a model that reads the utterance's waveform and returns arousal (and maybe
// valence). None ships with the project; prosody-based arousal (arousal.ts) is the default. A folder holding
//   model.onnx   input: float32 [1, samples] 16 kHz mono; output: float32 [1, K]
//   config.json  { "outputs": ["arousal", "dominance", "valence"], "range": [0, 1] }  (names the K values)
// plugs in here. Configuring the engine without these files fails at start with MODEL_UNAVAILABLE.

export interface SpeechEmotionEstimate { arousal: number; valence?: number }
export interface SpeechEmotionEngine {
  readonly name: string;
  estimate(audio: Float32Array): Promise<SpeechEmotionEstimate>;
  close(): Promise<void>;
}

export interface OnnxSpeechEmotionOptions {
  modelDir: string;
  modelFile: string;
  configFile: string;
}
export const DEFAULT_ONNX_SPEECH_EMOTION_OPTIONS: Omit<OnnxSpeechEmotionOptions, 'modelDir'> = {
  modelFile: 'model.onnx', configFile: 'config.json',
};

interface EngineConfig { outputs: string[]; range?: [number, number] }

export async function loadOnnxSpeechEmotion(opts: { modelDir: string } & Partial<OnnxSpeechEmotionOptions>): Promise<SpeechEmotionEngine> {
  const o = { ...DEFAULT_ONNX_SPEECH_EMOTION_OPTIONS, ...opts };
  const modelPath = join(o.modelDir, o.modelFile);
  const configPath = join(o.modelDir, o.configFile);
  const missing = [modelPath, configPath].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new AppError('MODEL_UNAVAILABLE', `speech-emotion engine configured but its files are missing: ${missing.join(', ')}`);
  }
  let config: EngineConfig;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as EngineConfig;
  } catch (cause) {
    throw new AppError('MODEL_UNAVAILABLE', `speech-emotion config is not valid JSON: ${configPath}`, { cause });
  }
  const arousalIndex = config.outputs?.indexOf('arousal') ?? -1;
  if (arousalIndex < 0) throw new AppError('MODEL_UNAVAILABLE', `speech-emotion config names no "arousal" output: ${configPath}`);
  const valenceIndex = config.outputs.indexOf('valence');
  const [lo, hi] = config.range ?? [0, 1];
  const ort = await import('onnxruntime-node');
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
  } catch (cause) {
    throw new AppError('MODEL_UNAVAILABLE', `speech-emotion model could not be loaded: ${modelPath}`, { cause });
  }
  const scale = (v: number) => Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
  return {
    name: `onnx-speech-emotion:${o.modelDir}`,
    async estimate(audio) {
      const input = new ort.Tensor('float32', audio, [1, audio.length]);
      const result = await session.run({ [session.inputNames[0]]: input });
      const out = result[session.outputNames[0]].data as Float32Array;
      return { arousal: scale(out[arousalIndex]), ...(valenceIndex >= 0 ? { valence: scale(out[valenceIndex]) } : {}) };
    },
    async close() { await session.release() },
  };
}
