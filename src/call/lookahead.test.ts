import { describe, expect, it } from 'vitest';
import type { AsrResult, AsrStream } from '../asr/types.ts';
import { AsrLookahead } from './lookahead.ts';

/** Fake recognizer stream: each answer names the request and the samples accepted before it. */
function fakeStream() {
  let accepted = 0;
  const log: string[] = [];
  const stream: AsrStream = {
    accept: (s) => { accepted += s.length; log.push(`accept ${s.length}`) },
    partial: async () => ({ text: `partial@${accepted}` }),
    finish: async () => ({ text: `final@${accepted}` }),
    close: () => log.push('close'),
  };
  return { stream, log };
}

describe('AsrLookahead', () => {
  it('hands the session the results of the requests made ahead, in order', async () => {
    const { stream, log } = fakeStream();
    const la = new AsrLookahead(stream);
    la.ahead.accept(new Float32Array(100));
    const p1 = la.ahead.partial();
    la.ahead.accept(new Float32Array(50));
    void la.ahead.finish();
    la.ahead.accept(new Float32Array(7));
    la.behind.accept(new Float32Array(100)); // audio is already with the recognizer: not sent twice
    expect(log).toEqual(['accept 100', 'accept 50', 'accept 7']);
    expect(await la.behind.partial()).toEqual({ text: 'partial@100' });
    expect(await la.behind.finish()).toEqual({ text: 'final@150' });
    expect(await p1).toEqual({ text: 'partial@100' });
  });

  it('a request asked before the decode-ahead made it waits for it', async () => {
    const { stream } = fakeStream();
    const la = new AsrLookahead(stream);
    const waiting = la.behind.finish();
    let settled = false;
    void waiting.then(() => { settled = true });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    la.ahead.accept(new Float32Array(320));
    void la.ahead.finish();
    expect(await waiting).toEqual({ text: 'final@320' });
  });

  it('a request of the other kind than the one recorded fails loudly (out of step)', async () => {
    const la = new AsrLookahead(fakeStream().stream);
    void la.ahead.partial();
    await expect(la.behind.finish()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('out of step') });
    const waiting = la.behind.partial();
    void la.ahead.finish();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('after the decode-ahead ended, waiting and later requests fail instead of waiting forever', async () => {
    const la = new AsrLookahead(fakeStream().stream);
    const waiting = la.behind.partial();
    la.end();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('no further request') });
    await expect(la.behind.finish()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a failed decode-ahead passes its cause on to the session', async () => {
    const la = new AsrLookahead(fakeStream().stream);
    const waiting = la.behind.finish();
    la.end(new Error('VAD model crashed'));
    await expect(waiting).rejects.toThrow(/decode-ahead failed: VAD model crashed/);
  });

  it('a recognizer error reaches the session when it takes that result, not before', async () => {
    const failing: AsrStream = { accept: () => {}, partial: () => Promise.reject(new Error('decoder died')), finish: async (): Promise<AsrResult> => ({ text: '' }), close: () => {} };
    const la = new AsrLookahead(failing);
    await expect(la.ahead.partial()).rejects.toThrow('decoder died');
    await expect(la.behind.partial()).rejects.toThrow('decoder died');
  });

  it('closing the decode-ahead side closes the recognizer stream; the session side does not', () => {
    const { stream, log } = fakeStream();
    const la = new AsrLookahead(stream);
    la.behind.close();
    expect(log).toEqual([]);
    la.ahead.close();
    expect(log).toEqual(['close']);
  });
});
