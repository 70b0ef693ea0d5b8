// Macro-F1 and confusion matrices for the analysis eval (pure functions, shared by eval.ts and tests).

export interface ClassReport { label: string; precision: number; recall: number; f1: number; support: number }
export interface Scores { macroF1: number; accuracy: number; perClass: ClassReport[]; confusion: number[][] }

/** Confusion matrix rows = gold, columns = predicted, in `labels` order; macro-F1 over labels with support. */
export function score(labels: readonly string[], gold: string[], pred: string[]): Scores {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  gold.forEach((g, i) => { confusion[idx.get(g)!][idx.get(pred[i])!] += 1 });
  const perClass = labels.map((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const withSupport = perClass.filter((c) => c.support > 0);
  const macroF1 = withSupport.reduce((a, c) => a + c.f1, 0) / Math.max(1, withSupport.length);
  const accuracy = gold.filter((g, i) => g === pred[i]).length / Math.max(1, gold.length);
  return { macroF1, accuracy, perClass, confusion };
}

/** A fixed-width text table of a confusion matrix (gold rows, predicted columns). */
export function formatConfusion(labels: readonly string[], confusion: number[][]): string {
  const w = Math.max(8, ...labels.map((l) => l.length)) + 1;
  const short = labels.map((l) => l.slice(0, 7).padStart(8));
  const lines = [`${'gold \\ pred'.padEnd(w)}${short.join('')}`];
  labels.forEach((l, r) => lines.push(`${l.padEnd(w)}${confusion[r].map((n) => String(n).padStart(8)).join('')}`));
  return lines.join('\n');
}
