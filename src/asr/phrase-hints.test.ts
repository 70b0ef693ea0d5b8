import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleEngine, DEFAULT_RULE_PACK_PATH } from '../coach/engine.ts';
import { loadRulePack } from '../coach/rule-pack.ts';
import { PhraseHints, phrasesOfRulePack } from './phrase-hints.ts';

describe('phrase hints from the rule pack', () => {
  it('collects the disclosure phrases, the acknowledgements and the hold phrases of the default pack', async () => {
    const phrases = phrasesOfRulePack(await loadRulePack(DEFAULT_RULE_PACK_PATH));
    expect(phrases).toEqual(expect.arrayContaining(['this call may be recorded', 'my condolences', 'please hold']));
  });

  it('keeps each phrase once, trimmed, and replaces the list on every set', () => {
    const hints = new PhraseHints();
    expect(hints.current).toEqual([]);
    hints.set([' please hold', 'please hold', '', 'bear with me']);
    expect(hints.current).toEqual(['please hold', 'bear with me']);
    hints.set(['one moment please']);
    expect(hints.current).toEqual(['one moment please']);
  });

  it('the coach fills the hints when it loads its pack and again after a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hints-'));
    try {
      const pack = (phrase: string) => `version: 1\nname: t\nrules:\n  - id: p\n    type: phrase\n    channel: agent\n    severity: info\n    title: t\n    body: b\n    phrases: ["${phrase}"]\n`;
      writeFileSync(join(dir, 'a.yaml'), pack('not my department'));
      writeFileSync(join(dir, 'b.yaml'), pack('call you back later'));
      const hints = new PhraseHints();
      const engine = await RuleEngine.load({ rulePackPath: join(dir, 'a.yaml'), onPack: (p) => hints.set(phrasesOfRulePack(p)) });
      expect(hints.current).toEqual(['not my department']);
      await engine.reload(join(dir, 'b.yaml'));
      expect(hints.current).toEqual(['call you back later']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
