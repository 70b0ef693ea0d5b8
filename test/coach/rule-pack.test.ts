import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { RuleEngine } from '../../src/coach/engine.ts';
import { loadRulePack, validateRulePack } from '../../src/coach/rule-pack.ts';
import { AppError } from '../../src/errors.ts';
import { CALL_ID, CallScript, coachFor, defaultPackData } from './script.ts';

const CONTRACT_IDS = ['escalation-risk', 'customer-anger', 'negative-trend', 'empathy-moment', 'empathy-missed', 'dead-air',
  'overtalk', 'agent-pace', 'agent-monologue', 'disclosure-missing', 'pii-spoken', 'knowledge'];

function refused(data: unknown): AppError {
  try {
    validateRulePack(data, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFIG_INVALID');
    return err as AppError;
  }
  throw new Error('the pack was accepted');
}

function withRule(id: string, change: Record<string, unknown>) {
  const data = defaultPackData();
  data.rules = data.rules.map((r) => (r.id === id ? { ...r, ...change } : r));
  return data;
}

/** A call where nobody speaks between 5 s and 20 s (dead air at 15 s with the default 10 s threshold). */
function silentCall(): CallScript {
  const s = new CallScript();
  s.say('agent', 1, 5, 'hello this call may be recorded');
  s.say('customer', 20, 22, 'hello');
  return s;
}

describe('rule pack schema', () => {
  it('the default pack has exactly the rule ids of the contract, all enabled', async () => {
    const engine = await RuleEngine.load({});
    expect(engine.rulePack.rules.map((r) => r.id).sort()).toEqual([...CONTRACT_IDS].sort());
    expect(engine.rulePack.rules.every((r) => r.enabled)).toBe(true);
    expect(engine.knowledgeBase.size).toBeGreaterThanOrEqual(15);
  });

  it('refuses a misspelt threshold, naming the rule and the key', () => {
    const err = refused(withRule('dead-air', { silenceSeconds: 5 }));
    expect(err.message).toMatch(/rules\[\d+\] \(dead-air\).*silenceSeconds/);
  });

  it('refuses out-of-range values, wrong types, missing fields and unknown rule types', () => {
    expect(refused(withRule('dead-air', { silenceS: -1 })).message).toMatch(/\(dead-air\)\.silenceS: .*>0/);
    expect(refused(withRule('overtalk', { overlapMs: 'long' })).message).toMatch(/\(overtalk\)\.overlapMs/);
    expect(refused(withRule('agent-pace', { severity: 'critical' })).message).toMatch(/\(agent-pace\)\.severity/);
    const noTitle = withRule('knowledge', {});
    delete noTitle.rules.find((r) => r.id === 'knowledge')!.title;
    expect(refused(noTitle).message).toMatch(/\(knowledge\)\.title/);
    expect(refused(withRule('overtalk', { type: 'over-talk' })).message).toMatch(/"over-talk" is not a rule type \(one of escalation-risk/);
    expect(refused({ version: 2, rules: [] }).message).toMatch(/version/);
    expect(refused({ version: 1 }).message).toMatch(/rules/);
  });

  it('refuses duplicate ids and unknown placeholders', () => {
    const dup = defaultPackData();
    dup.rules.push({ ...dup.rules[0] });
    expect(refused(dup).message).toMatch(/duplicate rule id "escalation-risk"/);
    expect(refused(withRule('dead-air', { title: 'Quiet for {secs} s' })).message)
      .toMatch(/\(dead-air\)\.title: unknown placeholder \{secs\} \(a dead-air rule has \{seconds\}\)/);
  });

  it('refuses to start with a broken pack or a missing knowledge base folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-pack-'));
    writeFileSync(join(dir, 'broken.yaml'), stringify(withRule('overtalk', { overlapMs: 0 })));
    await expect(RuleEngine.load({ rulePackPath: join(dir, 'broken.yaml') }))
      .rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/\(overtalk\)\.overlapMs/) });
    await expect(RuleEngine.load({ kbDir: join(dir, 'no-kb') }))
      .rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/knowledge base folder .*no-kb cannot be read/) });
  });

  it('reports YAML syntax errors and unreadable files clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-pack-'));
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nrules:\n  - id: dead-air\n   type: [unclosed\n');
    await expect(loadRulePack(join(dir, 'bad.yaml'))).rejects.toThrow(/rule pack .*bad\.yaml is not valid YAML/);
    await expect(loadRulePack(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot be read: ENOENT/);
  });

  it('loads a JSON pack, and a custom rule id of a built-in type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-pack-'));
    const path = join(dir, 'pack.json');
    writeFileSync(path, JSON.stringify({ version: 1, name: 'custom', rules: [
      { id: 'long-hold', type: 'dead-air', severity: 'urgent', title: 'Hold over {seconds} s', body: 'Check back in.', silenceS: 12 },
      { id: 'blame', type: 'phrase', channel: 'agent', severity: 'warn', title: 'Avoid "{phrase}"', body: 'Own the problem.',
        phrases: ['not my problem', 'not my department'] },
    ] }));
    const engine = await RuleEngine.load({ rulePackPath: path });
    const s = silentCall();
    const blame = s.say('agent', 30, 33, 'sorry that is not my department');
    const prompts = s.run(engine.forCall(CALL_ID), 40);
    expect(prompts.map((p) => [p.rule, p.title])).toEqual([['long-hold', 'Hold over 12 s'], ['blame', 'Avoid "not my department"']]);
    expect(prompts[1].evidence.utteranceId).toBe(blame);
  });

  it('a disabled rule stays quiet; maxPerCall caps a rule', () => {
    expect(silentCall().run(coachFor(['dead-air'], { enabled: false }), 30)).toEqual([]);
    const s = new CallScript();
    s.say('agent', 1, 2, 'hi');
    s.say('agent', 20, 21, 'hello');
    s.say('agent', 40, 41, 'still there');
    expect(s.run(coachFor(['dead-air'], { cooldownS: 0 }), 45)).toHaveLength(2);
    expect(s.run(coachFor(['dead-air'], { cooldownS: 0, maxPerCall: 1 }), 45)).toHaveLength(1);
  });
});

describe('rule pack reload', () => {
  function packFile(change: Record<string, unknown> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'coach-reload-'));
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, stringify(withRule('dead-air', change)));
    return path;
  }

  it('applies a new pack to calls that start after the reload; a running call keeps its pack', async () => {
    const path = packFile();
    const engine = await RuleEngine.load({ rulePackPath: path });
    const running = engine.forCall(CALL_ID);
    writeFileSync(path, stringify(withRule('dead-air', { silenceS: 5, title: 'Quiet for {seconds} s' })));
    await engine.reload();
    const deadAir = (p: { rule: string }) => p.rule === 'dead-air';
    expect(silentCall().run(engine.forCall('after'), 25).filter(deadAir).map((p) => [p.triggerT, p.title])).toEqual([[10, 'Quiet for 5 s']]);
    expect(silentCall().run(running, 25).filter(deadAir).map((p) => p.triggerT)).toEqual([15]);
  });

  it('refuses a broken pack with a clear error and keeps the previous one active', async () => {
    const path = packFile({ silenceS: 5 });
    const engine = await RuleEngine.load({ rulePackPath: path });
    writeFileSync(path, stringify(withRule('dead-air', { silenceS: 'ten' })));
    await expect(engine.reload()).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/\(dead-air\)\.silenceS/) });
    await expect(engine.reload(join(path, '..', 'nope.yaml'))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(engine.rulePackPath).toBe(path);
    const prompts = silentCall().run(engine.forCall('c2'), 25).filter((p) => p.rule === 'dead-air');
    expect(prompts.map((p) => p.triggerT)).toEqual([10]); // still the 5 s pack
  });

  it('watch() reloads when the file changes and refuses a bad edit', async () => {
    const path = packFile();
    const engine = await RuleEngine.load({ rulePackPath: path });
    const results: Array<Error | null> = [];
    let notify: () => void = () => {};
    const stop = engine.watch({ debounceMs: 50, onReload: (err) => { results.push(err); notify() } });
    try {
      const next = () => new Promise<void>((resolve) => { notify = resolve });
      let wait = next();
      writeFileSync(path, stringify(withRule('dead-air', { silenceS: 7 })));
      await wait;
      expect(results.at(-1)).toBeNull();
      expect(engine.rulePack.rules.find((r) => r.id === 'dead-air')).toMatchObject({ silenceS: 7 });
      wait = next();
      writeFileSync(path, 'version: 1\nrules: [{ id: dead-air }]\n');
      await wait;
      expect(results.at(-1)).toBeInstanceOf(AppError);
      expect(engine.rulePack.rules.find((r) => r.id === 'dead-air')).toMatchObject({ silenceS: 7 });
    } finally {
      stop();
    }
  });
});

describe('agent feedback', () => {
  it('a dismissed prompt mutes its rule in that call for dismissMuteS; an acknowledged one does not', () => {
    const script = () => {
      const s = new CallScript();
      s.say('agent', 1, 2, 'hi');
      s.say('agent', 20, 21, 'hello');     // dead air 2-12 fires at 12
      s.say('agent', 40, 41, 'still there'); // dead air 21-31 fires at 31
      return s;
    };
    for (const [action, expected] of [['dismiss', [12]], ['ack', [12, 31]]] as const) {
      const coach = coachFor(['dead-air'], { cooldownS: 0, dismissMuteS: 60 });
      const wrapped = {
        onEvent: coach.onEvent.bind(coach), onEnd: coach.onEnd.bind(coach),
        onTick(t: number) {
          const drafts = coach.onTick(t);
          drafts.forEach((d, i) => {
            // What the pipeline does: emit the prompt (with its id), then the agent's feedback arrives.
            const promptId = `p${t}-${i}`;
            coach.onEvent({ type: 'prompt', callId: CALL_ID, promptId, ...d, latencyMs: 0 });
            coach.onEvent({ type: 'feedback', callId: CALL_ID, promptId, action, at: 0 });
          });
          return drafts;
        },
      };
      expect(script().run(wrapped, 45).map((p) => p.triggerT), action).toEqual(expected);
    }
  });
});
