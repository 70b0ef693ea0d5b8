// sherpa-onnx result JSON (text, BPE tokens, token start times in s) to the project's AsrResult with words.
import type { AsrResult, AsrWord } from '../types.ts';
import type { SherpaRawResult } from './addon.ts';

/** Seconds a token is assumed to last when nothing follows it (the model's output frame: 4 x 10 ms). */
const LAST_TOKEN_S = 0.04;

/**
 * Groups sentencepiece tokens into words ('▁' starts a word) with start = first token's time and end = the next
 * word's start (or the last token's time plus one output frame). Text is lower-cased like the other engines.
 */
export function toAsrResult(raw: SherpaRawResult): AsrResult {
  const text = raw.text.trim().toLowerCase().replace(/\s+/g, ' ');
  const tokens = raw.tokens ?? [];
  const times = raw.timestamps ?? [];
  if (text === '' || tokens.length === 0 || tokens.length !== times.length) return { text };
  const words: AsrWord[] = [];
  let current: AsrWord | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const startsWord = tok.startsWith('▁') || tok.startsWith(' ') || current === null;
    const piece = tok.replace(/^[▁ ]+/, '').toLowerCase();
    if (startsWord) {
      if (current) current.end = times[i];
      if (piece === '' && current !== null) { current = null; continue }
      current = { w: piece, start: times[i], end: times[i] + LAST_TOKEN_S };
      words.push(current);
    } else {
      current!.w += piece;
      current!.end = times[i] + LAST_TOKEN_S;
    }
  }
  return { text, words: words.filter((w) => w.w !== '') };
}
