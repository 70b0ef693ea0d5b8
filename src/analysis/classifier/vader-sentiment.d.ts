// Types for the untyped CommonJS package `vader-sentiment` (Apache-2.0, a port of VADER).
declare module 'vader-sentiment' {
  export interface PolarityScores { neg: number; neu: number; pos: number; compound: number }
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores } };
  export default vader;
}
