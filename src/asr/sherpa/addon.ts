// Loads the optional sherpa-onnx-node package (a native addon shipped in a per-platform npm package).
// Its absence is a normal situation (optional dependency): ENGINE_UNAVAILABLE, and the engine selector moves on.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../errors.ts';

export const SHERPA_PACKAGE = 'sherpa-onnx-node';

/** The part of sherpa-onnx-node's API this engine uses. */
export interface SherpaOnlineStream {
  acceptWaveform(w: { samples: Float32Array; sampleRate: number }): void;
  inputFinished(): void;
}
export interface SherpaOnlineRecognizer {
  createStream(): SherpaOnlineStream;
  isReady(s: SherpaOnlineStream): boolean;
  decode(s: SherpaOnlineStream): void;
  getResult(s: SherpaOnlineStream): SherpaRawResult;
}
export interface SherpaRawResult { text: string; tokens?: string[]; timestamps?: number[] }
export interface SherpaAddon {
  OnlineRecognizer: new (config: Record<string, unknown>) => SherpaOnlineRecognizer;
  version?: string;
}

const require = createRequire(import.meta.url);

/** Throws AppError ENGINE_UNAVAILABLE when the package or its platform binary cannot be loaded. */
export function loadSherpaAddon(moduleName = SHERPA_PACKAGE): SherpaAddon {
  try {
    const addon = require(moduleName) as SherpaAddon;
    if (typeof addon.OnlineRecognizer !== 'function') throw new Error('no OnlineRecognizer export');
    return addon;
  } catch (err) {
    const reason = String((err as Error).message ?? err).split('\n')[0];
    throw new AppError('ENGINE_UNAVAILABLE', `${moduleName} is not installed or its native binary does not load (install it with \`npm install --save-optional ${SHERPA_PACKAGE}\`): ${reason}`, { cause: err });
  }
}

/**
 * Builds the recognizer once in a throw-away child process. sherpa-onnx aborts the whole process (C++
 * terminate) on an unreadable ONNX file instead of throwing, and a worker thread would take the server down
 * with it; a child process turns that into a clean MODEL_UNAVAILABLE.
 */
export function probeRecognizer(config: Record<string, unknown>, moduleName = SHERPA_PACKAGE, timeoutMs = 60_000): Promise<void> {
  const script = fileURLToPath(new URL('./probe.cjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, moduleName], { stdio: ['pipe', 'ignore', 'pipe'], timeout: timeoutMs });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000) });
    child.on('error', (err) => reject(new AppError('MODEL_UNAVAILABLE', `sherpa model probe could not start: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
      const reason = lines.filter((l) => /fail|error|not exist|what\(\)/i.test(l)).slice(-2).join(' | ') || lines.slice(-1)[0] || `exit ${code ?? signal}`;
      reject(new AppError('MODEL_UNAVAILABLE', `sherpa recognizer could not be built from the model files: ${reason}`));
    });
    child.stdin.end(JSON.stringify(config));
  });
}
