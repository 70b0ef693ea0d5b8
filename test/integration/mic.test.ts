// `agent-assist mic` against the real server, with sox generating a tone in place of a microphone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { micCommand } from '../../src/mic/index.ts';
import { FakeAnalyzer, FakeCoach } from '../fakes/providers.ts';
import { desktop, startServer, type RunningServer } from './harness.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer({ config: { asr: { engine: 'none' } }, providers: { analyzer: new FakeAnalyzer(), coach: new FakeCoach() } }) });
afterAll(async () => { await server?.close() });

describe('mic bridge', () => {
  it('streams the recorder output as a plain-protocol call until the recorder ends', async () => {
    const d = desktop(server.wsUrl, 'mic-agent');
    await d.opened;
    const logs: string[] = [];
    await micCommand({ url: `${server.wsUrl}/v1/stream`, agentId: 'mic-agent', callId: 'mic-1', log: (m) => logs.push(m),
      recorder: 'sox -n -t raw -r 16000 -c 1 -b 16 -e signed-integer - synth 3 sine 300' });
    const events = await d.untilEnded('mic-1', 20_000);
    d.close();
    const ended = events.find((e) => e.type === 'call.ended') as any;
    expect(ended.summary.durationS).toBeGreaterThan(2.5);
    expect(logs.join('\n')).toContain('call mic-1 ended');
  });
});
