import type { AnalysisEvent, AssistEvent } from '../../events.ts';
import type { CallView } from '../call-view.ts';
import type { Finding } from '../types.ts';

/** A quote short enough for a prompt card (characters). */
export const QUOTE_CHARS = 160;

export function shortQuote(text: string, max = QUOTE_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The analysis event of a customer utterance, or undefined for anything else. */
export function customerAnalysis(ev: AssistEvent): AnalysisEvent | undefined {
  return ev.type === 'analysis' && ev.channel === 'customer' ? ev : undefined;
}

/** Evidence and trigger time for a finding about one final utterance (its end is when the speech ended). */
export function aboutUtterance(view: CallView, utteranceId: string, quote?: string): Pick<Finding, 'evidence' | 'triggerT'> {
  const u = view.utterance(utteranceId);
  const q = quote ?? u?.text;
  return {
    evidence: { utteranceId, ...(q ? { quote: shortQuote(q) } : {}) },
    triggerT: u?.end ?? view.now,
  };
}
