// The optional native front-end path (polyphase resampling). Absent build, or AGENT_ASSIST_NATIVE_DSP=0:
// null, and src/audio/resample.ts uses its TypeScript loop. bench/frontend.bench.ts compares the two.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface DspAddon {
  polyphase(buf: Float32Array, base: number, outIndex: number, up: number, down: number, centre: number, taps: number,
    reversedPhases: Float32Array, out: Float32Array): void;
}

const addonPath = new URL('./build/Release/dsp_addon.node', import.meta.url);
let cached: DspAddon | null | undefined;

export function loadDspAddon(): DspAddon | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.env.AGENT_ASSIST_NATIVE_DSP === '0' || !existsSync(addonPath)) return cached;
  try {
    cached = createRequire(import.meta.url)(addonPath.pathname) as DspAddon;
  } catch {
    cached = null; // a build for another Node ABI: the TypeScript path works everywhere
  }
  return cached;
}
