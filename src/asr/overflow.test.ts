import { describe, expect, it } from 'vitest';
import { OverflowAsrEngine } from './overflow.ts';
import type { AsrEngine, AsrResult, AsrStream } from './types.ts';

// Fake engines (no model): each stream reports the samples it was given per utterance, so the test sees which
// engine decoded which utterance.
class FakeStream implements AsrStream {
  samples = 0;
  closed = false;
  constructor(private readonly tag: string) {}
  accept(s: Float32Array): void { this.samples += s.length }
  async partial(): Promise<AsrResult> { return { text: `${this.tag} partial ${this.samples}` } }
  async finish(): Promise<AsrResult> { const text = `${this.tag} ${this.samples}`; this.samples = 0; return { text } }
  close(): void { this.closed = true }
}

/** Load of the fake primary's worker: its lag (ms) and the other streams in an utterance. */
interface Load { ms: number; speaking?: number }
class FakeLagStream extends FakeStream {
  constructor(tag: string, private readonly load: Load) { super(tag) }
  lagMs(): number { return this.load.ms }
  othersSpeaking(): number { return this.load.speaking ?? 0 }
  utt = 1;
  dropped: number[] = [];
  utteranceNo(): number { return this.utt }
  drop(utt: number): void { this.dropped.push(utt) }
  override async finish(): Promise<AsrResult> { this.utt++; return super.finish() }
}

function fakeEngine(tag: string, lag?: Load): AsrEngine & { streams: FakeStream[]; closed: boolean } {
  const streams: FakeStream[] = [];
  return {
    name: tag, streams, closed: false,
    createStream() { const s = lag ? new FakeLagStream(tag, lag) : new FakeStream(tag); streams.push(s); return s },
    async close() { this.closed = true },
  };
}

const audio = (n: number) => new Float32Array(n);

describe('OverflowAsrEngine (fake engines)', () => {
  it('sends an utterance to the fallback when the primary lags at its start, and back when it caught up', async () => {
    const lag = { ms: 0 };
    const primary = fakeEngine('primary', lag), fallback = fakeEngine('fallback');
    let overflows = 0;
    const engine = new OverflowAsrEngine(primary, fallback, { maxLagMs: 500, maxSpeaking: 3, finalWaitMs: 1000, onOverflow: () => overflows++ });
    expect(engine.name).toBe('primary');
    const s = engine.createStream();

    s.accept(audio(100));
    lag.ms = 2000; // the primary falls behind mid-utterance: this utterance stays where it started
    s.accept(audio(50));
    expect(await s.partial()).toEqual({ text: 'primary partial 150' });
    expect(await s.finish()).toEqual({ text: 'primary 150' });

    s.accept(audio(70)); // next utterance starts while the primary lags
    lag.ms = 0;
    s.accept(audio(30));
    expect(await s.partial()).toEqual({ text: 'fallback partial 100' });
    expect(await s.finish()).toEqual({ text: 'fallback 100' });

    s.accept(audio(10));
    expect(await s.finish()).toEqual({ text: 'primary 10' });
    expect(overflows).toBe(1);
    expect(fallback.streams).toHaveLength(1); // created on first need, reused

    s.close();
    expect(primary.streams[0].closed && fallback.streams[0].closed).toBe(true);
    await engine.close();
    expect(primary.closed && fallback.closed).toBe(true);
  });

  it('sends an utterance to the fallback when the primary\'s worker is already decoding its share of speech', async () => {
    const load: Load = { ms: 0, speaking: 3 };
    const primary = fakeEngine('primary', load), fallback = fakeEngine('fallback');
    const s = new OverflowAsrEngine(primary, fallback, { maxLagMs: 500, maxSpeaking: 3, finalWaitMs: 1000 }).createStream();
    s.accept(audio(10));
    expect(await s.finish()).toEqual({ text: 'fallback 10' });
    load.speaking = 2;
    s.accept(audio(20));
    expect(await s.finish()).toEqual({ text: 'primary 20' });
  });

  it('replaces a primary final that is not back in time with the fallback\'s decoding of the same audio', async () => {
    const load: Load = { ms: 0 };
    const primary = fakeEngine('primary', load), fallback = fakeEngine('fallback');
    let overflows = 0;
    const s = new OverflowAsrEngine(primary, fallback, { maxLagMs: 500, maxSpeaking: 3, finalWaitMs: 30, onOverflow: () => overflows++ }).createStream();
    // The primary's worker falls behind after the utterance started: its final would take 10 s.
    const main = primary.streams[0];
    const slowFinish = main.finish.bind(main);
    main.finish = () => slowFinish().then((r) => new Promise((resolve) => setTimeout(() => resolve(r), 10_000)));
    s.accept(audio(160));
    s.accept(audio(40));
    const t0 = performance.now();
    expect(await s.finish()).toEqual({ text: 'fallback 200' });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(overflows).toBe(1);
    expect(fallback.streams.at(-1)!.closed).toBe(true); // the rescue stream is freed
    expect((main as FakeLagStream).dropped).toEqual([1]); // the primary is told to skip the rest of utterance 1
    // the wait counts from the speech end, which the VAD declared some time before finish()
    const late = new OverflowAsrEngine(primary, fallback, { maxLagMs: 500, maxSpeaking: 3, finalWaitMs: 5000 }).createStream();
    const lateMain = primary.streams.at(-1)!;
    const lateFinish = lateMain.finish.bind(lateMain);
    lateMain.finish = () => lateFinish().then((r) => new Promise((resolve) => setTimeout(() => resolve(r), 10_000)));
    late.accept(audio(10));
    const t1 = performance.now();
    expect(await late.finish({ speechEndedMsAgo: 4990 })).toEqual({ text: 'fallback 10' });
    expect(performance.now() - t1).toBeLessThan(1000);
    // a primary final in time is kept
    main.finish = slowFinish;
    s.accept(audio(10));
    expect(await s.finish()).toEqual({ text: 'primary 10' });
    expect(overflows).toBe(1);
  }, 20_000);

  it('never overflows a deterministic stream (replay at --speed max), however far behind', async () => {
    const primary = fakeEngine('primary', { ms: 60_000 }), fallback = fakeEngine('fallback');
    const s = new OverflowAsrEngine(primary, fallback, { maxLagMs: 500, maxSpeaking: 3, finalWaitMs: 1000 }).createStream({ deterministic: true });
    s.accept(audio(10));
    expect(await s.finish()).toEqual({ text: 'primary 10' });
    expect(fallback.streams).toHaveLength(0);
  });

  it('leaves a primary that cannot report its lag alone', async () => {
    const primary = fakeEngine('primary'), fallback = fakeEngine('fallback');
    const s = new OverflowAsrEngine(primary, fallback, { maxLagMs: 0, maxSpeaking: 0, finalWaitMs: 0 }).createStream();
    expect(s).toBe(primary.streams[0]);
  });
});
