export { SileroVad, SileroStream, type SileroOptions } from './silero.ts';
export { SpeechDetector, DEFAULT_DETECTOR_OPTIONS, type DetectorOptions } from './detector.ts';
import { SileroVad, type SileroOptions } from './silero.ts';

/** The VAD the server uses: Silero from the model search path. */
export function loadSileroVad(opts: SileroOptions = {}): Promise<SileroVad> { return SileroVad.load(opts) }
