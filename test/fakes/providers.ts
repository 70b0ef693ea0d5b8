// Fakes of the model-backed stages, for unit tests of the code around the models. They are not models:
// FakeEnergyVad thresholds energy, FakeScriptedAsr returns scripted text, FakeAnalyzer maps keywords.
import type { AsrEngine, AsrResult, AsrStream } from '../../src/asr/types.ts';
import type { UtteranceAnalysis, UtteranceInput } from '../../src/analysis/types.ts';
import type { AssistEvent } from '../../src/events.ts';
import type { AnalyzerProvider, CallAnalyzer, CallCoach, CoachProvider, PromptDraft, VadChannelStream, VadProvider, VadTransition } from '../../src/call/providers.ts';

/** Speech where the 32 ms window RMS is above a threshold; 96 ms to start, 320 ms of quiet to end. */
export class FakeEnergyVad implements VadProvider {
  createStream(): VadChannelStream {
    let pos = 0, speaking = false, run = 0, quiet = 0, runStart = 0, lastSpeechEnd = 0;
    const W = 512;
    let carry = new Float32Array(0);
    return {
      async push(samples) {
        const buf = new Float32Array(carry.length + samples.length); buf.set(carry); buf.set(samples, carry.length);
        const out: VadTransition[] = [];
        let i = 0;
        for (; i + W <= buf.length; i += W) {
          let e = 0; for (let k = 0; k < W; k++) e += buf[i + k] ** 2;
          const loud = Math.sqrt(e / W) > 0.02;
          const t = pos / 16000;
          pos += W;
          if (!speaking) {
            if (loud) { if (run === 0) runStart = t; run++ } else run = 0;
            if (run >= 3) { speaking = true; quiet = 0; out.push({ state: 'speech', t: runStart }) }
          } else {
            if (loud) { quiet = 0; lastSpeechEnd = pos / 16000 } else if (++quiet >= 10) { speaking = false; run = 0; out.push({ state: 'silence', t: lastSpeechEnd }) }
          }
        }
        carry = buf.slice(i);
        return out;
      },
      flush() { return speaking ? (speaking = false, [{ state: 'silence', t: pos / 16000 }]) : [] },
    };
  }
}

/** Returns the next scripted text per stream as each utterance finishes; partials are a prefix of it. */
export class FakeScriptedAsr implements AsrEngine {
  readonly name = 'fake-scripted';
  constructor(private readonly script: Record<string, string[]>, private readonly channelOf: () => string) {}
  createStream(): AsrStream {
    const texts = [...(this.script[this.channelOf()] ?? [])];
    let samples = 0;
    return {
      accept(s) { samples += s.length },
      async partial(): Promise<AsrResult> { const t = texts[0] ?? ''; return { text: t.split(' ').slice(0, 1 + Math.floor(samples / 16000)).join(' ') } },
      async finish(): Promise<AsrResult> {
        const text = texts.shift() ?? ''; const dur = samples / 16000; samples = 0;
        const ws = text.split(' ').filter(Boolean);
        return { text, words: ws.map((w, i) => ({ w, start: (i * dur) / ws.length, end: ((i + 1) * dur) / ws.length })) };
      },
      close() {},
    };
  }
  async close() {}
}

export class FakeAnalyzer implements AnalyzerProvider {
  forCall(): CallAnalyzer {
    return {
      redact: (t) => t.replace(/\b(\d[ -]?){13,19}\b/g, '[CARD]'),
      redactWords: (words) => words,
      async analyze(u: UtteranceInput): Promise<UtteranceAnalysis> {
        const angry = /angry|ridiculous/.test(u.text);
        return { sentiment: { label: angry ? 'negative' : 'neutral', score: angry ? -0.8 : 0 },
          emotion: { label: angry ? 'anger' : 'neutral', score: 0.9 }, intents: [], lifeEvents: [], pii: [], redactedText: u.text };
      },
      end() {},
    };
  }
}

/** Prompts once when a customer analysis is negative; records every event and tick it saw. */
export class FakeCoach implements CoachProvider {
  seen: AssistEvent[] = [];
  ticks: number[] = [];
  forCall(): CallCoach {
    let fired = false;
    return {
      onEvent: (ev): PromptDraft[] => {
        this.seen.push(ev);
        if (ev.type === 'analysis' && ev.sentiment.label === 'negative' && !fired) {
          fired = true;
          return [{ rule: 'customer-anger', severity: 'warn', title: 'Customer is angry', body: 'De-escalate', evidence: { utteranceId: ev.utteranceId }, t: 0, triggerT: 0 }];
        }
        return [];
      },
      onTick: (t) => { this.ticks.push(t); return [] },
      onEnd: () => [],
    };
  }
}
