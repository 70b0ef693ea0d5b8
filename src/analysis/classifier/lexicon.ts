// Fallback engine only: VADER (rule-based sentiment with negation and booster handling) for sentiment, plus a
// small hand-written cue list for the emotion. No model files, so it works when the embedded model is missing;
// it is much weaker than the embedded model on contact-centre speech (see `npm run eval:analysis`).
import vader from 'vader-sentiment';
import type { EmotionLabel } from '../../events.ts';
import type { TextClassification, TextClassifier } from '../types.ts';
import { EMOTION_LABELS, neutralResult } from './result.ts';

export interface LexiconOptions {
  /** |VADER compound| below this reads as neutral (VADER's own recommendation is 0.05). */
  neutralBand: number;
}
export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = { neutralBand: 0.05 };

// Cues are matched on lower-cased text with apostrophes removed, at word starts ("furious" also hits "furiously").
const CUES: Record<Exclude<EmotionLabel, 'neutral'>, string[]> = {
  anger: ['furious', 'livid', 'outrage', 'unacceptable', 'disgrace', 'ridiculous', 'ombudsman', 'manager', 'supervisor',
    'scam', 'lie', 'lying', 'liar', 'how dare', 'fuming', 'angry', 'rage', 'sue', 'legal action', 'complaint', 'incompetent'],
  frustration: ['again', 'still', 'third time', 'fourth time', 'on hold', 'fed up', 'sick of', 'tired of', 'frustrat',
    'annoy', 'nobody', 'never called', 'keeps', 'waiting', 'waited', 'chase', 'chasing', 'same problem', 'not happy'],
  sadness: ['passed away', 'died', 'death', 'funeral', 'bereave', 'widow', 'lost my', 'cancer', 'hospice', 'grief',
    'grieving', 'sad', 'heartbroken', 'crying', 'lonely', 'redundant', 'condolence', 'sorry for your loss', 'late husband', 'late wife'],
  anxiety: ['worried', 'worry', 'scared', 'afraid', 'frightened', 'terrified', 'anxious', 'nervous', 'panic', 'fraud',
    'hacked', 'scammed', 'what if', 'stressed', 'cant afford', 'arrears', 'debt', 'concerned'],
  confusion: ['confused', 'confusing', 'dont understand', 'not sure', 'what does', 'what do you mean', 'how does',
    'which one', 'lost me', 'explain', 'makes no sense', 'doesnt make sense', 'unclear', 'where do i'],
  gratitude: ['thank', 'appreciate', 'grateful', 'lifesaver', 'relief', 'relieved', 'brilliant', 'wonderful',
    'cheers', 'helpful', 'kind of you', 'star'],
};

// Sarcastic thanks: VADER scores "thanks" as positive, but these read as anger.
const SARCASTIC_THANKS = [' thanks for nothing ', ' thanks a lot for nothing ', ' thank you for nothing '];

function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(/['\u2019]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

function cueCounts(norm: string): Record<EmotionLabel, number> {
  const counts = Object.fromEntries(EMOTION_LABELS.map((l) => [l, 0])) as Record<EmotionLabel, number>;
  for (const [label, cues] of Object.entries(CUES) as Array<[EmotionLabel, string[]]>) {
    for (const cue of cues) if (norm.includes(` ${cue}`)) counts[label] += 1;
  }
  return counts;
}

export class LexiconClassifier implements TextClassifier {
  readonly name = 'lexicon';
  private readonly o: LexiconOptions;
  constructor(opts: Partial<LexiconOptions> = {}) { this.o = { ...DEFAULT_LEXICON_OPTIONS, ...opts } }

  async classify(text: string): Promise<TextClassification> {
    const norm = normalise(text);
    if (norm.trim() === '') return neutralResult();
    const sarcastic = SARCASTIC_THANKS.some((p) => norm.includes(p));
    let compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
    if (sarcastic) compound = Math.min(compound, -0.5);
    const label = compound >= this.o.neutralBand ? 'positive' : compound <= -this.o.neutralBand ? 'negative' : 'neutral';
    const counts = cueCounts(norm);
    // Polarity keeps cue lists honest: gratitude cues in a negative turn ("thanks for nothing") do not count.
    if (label === 'negative') counts.gratitude = 0;
    if (sarcastic) counts.anger += 1;
    counts.neutral = 0.5; // wins when no cue fires
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const emotionProbs = Object.fromEntries(EMOTION_LABELS.map((l) => [l, counts[l] / total])) as Record<EmotionLabel, number>;
    let best: EmotionLabel = 'neutral';
    for (const l of EMOTION_LABELS) if (emotionProbs[l] > emotionProbs[best]) best = l;
    return { sentiment: { label, score: compound }, emotion: { label: best, score: emotionProbs[best] }, emotionProbs };
  }

  async close(): Promise<void> {}
}

export function createLexiconClassifier(opts: Partial<LexiconOptions> = {}): TextClassifier {
  return new LexiconClassifier(opts);
}
