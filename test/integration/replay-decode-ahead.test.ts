// Issue 8: replay at --speed max decodes ahead (src/call/lookahead.ts) so that both parties' PocketSphinx
// workers run in parallel. Its output must be exactly what the plain deterministic replay gives: every event,
// partials included, byte for byte, with the real engine on a real fixture call.
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/call/pipeline.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { CollectingSink, replayRecording } from '../../src/replay/run.ts';
import { readWav } from '../../src/replay/wav.ts';
import { FakeAnalyzer, FakeCoach } from '../fakes/providers.ts';
import { fixturePath } from './truth.ts';

/** A fresh engine per replay, as the CLI has: a decoder's live cepstral mean carries over from call to call. */
async function replay(decodeAheadS: number): Promise<string[]> {
  // analysis and coaching are faked: they take the transcripts as given, and loading them costs seconds
  const pipeline = await createPipeline(loadConfig({ asr: { engine: 'pocketsphinx' } }, {}), silentLogger,
    { providers: { analyzer: new FakeAnalyzer(), coach: new FakeCoach() } });
  try {
    expect(pipeline.providers.asr.name).toBe('pocketsphinx');
    const sink = new CollectingSink();
    await replayRecording(readWav(fixturePath('greeting')), { pipeline, sink, callId: 'greeting', speed: 'max', decodeAheadS });
    return sink.events.map((e) => JSON.stringify(e));
  } finally {
    await pipeline.close();
  }
}

describe('replay --speed max with decode-ahead (PocketSphinx)', () => {
  it('gives the same events as without, partials included', async () => {
    const plain = await replay(0);
    const ahead = await replay(30);
    expect(plain.filter((e) => e.includes('"final":true')).length).toBeGreaterThan(3);
    expect(plain.filter((e) => e.includes('"final":false')).length).toBeGreaterThan(5);
    expect(ahead).toEqual(plain);
  }, 180_000);
});
