// Turns a decoder's best path into an AsrResult: words without fillers or pronunciation-variant marks,
// times in seconds from the utterance start, confidence = mean word posterior.
import type { NativeDecoder, SegmentInfo } from '../../../native/pocketsphinx/index.ts';
import type { AsrResult, AsrWord } from '../types.ts';

/** Fillers: <s>, </s>, <sil>, [NOISE], ++BREATH++ and the like. */
export const isFiller = (word: string): boolean => /^[<[+]/.test(word);

export function wordsFromSegments(segments: SegmentInfo[], frameRate: number): { words: AsrWord[]; probs: number[] } {
  const words: AsrWord[] = [];
  const probs: number[] = [];
  for (const s of segments) {
    if (isFiller(s.word)) continue;
    // segment end frames are inclusive: the word lasts until the end of its last frame
    words.push({ w: s.word.replace(/\(\d+\)$/, ''), start: s.start / frameRate, end: (s.end + 1) / frameRate });
    probs.push(s.prob);
  }
  return { words, probs };
}

export function resultFromDecoder(decoder: NativeDecoder, frameRate: number): AsrResult {
  const { words, probs } = wordsFromSegments(decoder.segments(), frameRate);
  const confidence = probs.length > 0 ? probs.reduce((a, b) => a + b, 0) / probs.length : 0;
  return { text: words.map((w) => w.w).join(' '), words, confidence: Math.round(confidence * 1000) / 1000 };
}
