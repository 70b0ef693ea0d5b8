import { desktop, readWavBytes, streamWav, type RunningServer } from './harness.ts';
import { fixturePath, loadTruth, type Truth } from './truth.ts';

/** Streams a fixture call over /v1/stream and returns what the agent's desktop received for it. */
export async function runFixture(server: RunningServer, name: string, speed: number, tag: string): Promise<{ truth: Truth; events: any[] }> {
  const truth = loadTruth(name);
  const callId = `${tag}-${name}`, agentId = `agent-${tag}-${name}`;
  const d = desktop(server.wsUrl, agentId);
  await d.opened;
  await streamWav(server.wsUrl, readWavBytes(fixturePath(name)), { callId, agentId, speed });
  const events = await d.untilEnded(callId);
  d.close();
  return { truth, events };
}

/** The analysis of the customer's final that overlaps the truth turn whose text matches `re`. */
export function analysisOfTurn(events: any[], truth: Truth, re: RegExp): { final: any; analysis: any } | null {
  const turn = truth.turns.find((t) => t.channel === 'customer' && re.test(t.text));
  if (!turn) throw new Error(`no truth turn matches ${re}`);
  const final = events.find((e) => e.type === 'transcript' && e.final && e.channel === 'customer' && e.start < turn.end && e.end > turn.start);
  if (!final) return null;
  return { final, analysis: events.find((e) => e.type === 'analysis' && e.utteranceId === final.utteranceId) };
}
