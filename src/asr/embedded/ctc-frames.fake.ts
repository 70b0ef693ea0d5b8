// Test helper: hand-made CTC log-probs for decoder tests (not a model's output).
export const ALPHABET = ['<blank>', ' ', "'", ...'abcdefghijklmnopqrstuvwxyz'];
const id = (c: string): number => (c === '_' ? 0 : ALPHABET.indexOf(c));

/** Log-probs where each frame puts 0.97 on the given symbol ('_' = blank), or the given probabilities, and spreads the rest. */
export function frames(spec: Array<string | Record<string, number>>): Float32Array {
  const out = new Float32Array(spec.length * ALPHABET.length);
  spec.forEach((f, t) => {
    const probs = new Float64Array(ALPHABET.length).fill(0.001);
    if (typeof f === 'string') probs[id(f)] = 0.97;
    else for (const [c, p] of Object.entries(f)) probs[id(c)] = p;
    const sum = probs.reduce((a, b) => a + b, 0);
    probs.forEach((p, k) => { out[t * ALPHABET.length + k] = Math.log(p / sum) });
  });
  return out;
}
