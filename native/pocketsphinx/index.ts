// Loads the compiled addon. A missing build or shared library becomes AppError ENGINE_UNAVAILABLE naming
// the Debian packages, so the engine selector can fall back instead of crashing.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '../../src/errors.ts';

export interface SegmentInfo { word: string; start: number; end: number; prob: number }

export interface NativeDecoder {
  addWords(entries: Array<[string, string]>): number;
  setMixedLm(files: string[], weights: number[]): void;
  startUtt(): void;
  /** Decodes 16-bit PCM at the decoder's sample rate; returns the frames searched. */
  processRaw(samples: Int16Array): number;
  hyp(): { text: string; score: number };
  endUtt(): void;
  /** Words of the best path, times in frames (end inclusive), prob = posterior in [0, 1]. */
  segments(): SegmentInfo[];
  confidence(): number;
  frames(): number;
  free(): void;
}

export interface PocketSphinxAddon {
  Decoder: new (args: string[]) => NativeDecoder;
  setLogFile(path: string | null): void;
}

export const DEBIAN_PACKAGES = 'libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us';
const addonPath = new URL('./build/Release/pocketsphinx_addon.node', import.meta.url);

let cached: PocketSphinxAddon | undefined;

export function loadAddon(): PocketSphinxAddon {
  if (cached) return cached;
  if (!existsSync(addonPath)) {
    throw new AppError('ENGINE_UNAVAILABLE',
      `pocketsphinx addon is not built (native/pocketsphinx/build); install the Debian packages ${DEBIAN_PACKAGES} and run npm run build:native`);
  }
  try {
    cached = createRequire(import.meta.url)(addonPath.pathname) as PocketSphinxAddon;
    return cached;
  } catch (cause) {
    throw new AppError('ENGINE_UNAVAILABLE',
      `pocketsphinx addon could not load its shared libraries; install the Debian packages ${DEBIAN_PACKAGES}`, { cause });
  }
}
