import { Command, Option } from 'commander';
import { ASR_ENGINES } from './config.ts';

/** `agent-assist serve | replay | mic`. Logs go to stderr; stdout carries only command output. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('agent-assist').description('Real-time agent-assist voice and sentiment analyzer');

  program.command('serve').description('run the streaming server (PORT, HOST and AGENT_ASSIST_* from the environment)')
    .action(async () => { const { serve } = await import('./server/main.ts'); await serve() });

  program.command('replay').description('replay recorded calls through the live pipeline on a virtual clock')
    .argument('<paths...>', 'WAV files or folders')
    .option('--map <map>', 'which WAV channel is which party, e.g. customer=left,agent=right', 'customer=left,agent=right')
    .addOption(new Option('--speed <speed>', 'pace: real time, faster, or as fast as possible').choices(['1', '2', '4', 'max']).default('max'))
    .option('--json', 'print one JSON event per line on stdout', false)
    .option('--report <file>', 'write an HTML report (for one file)')
    .option('--out <dir>', 'folder for reports and the batch summary of a folder', 'replay-out')
    .addOption(new Option('--asr <engine>', "speech engine (default: the server's, auto; embedded replays about 8x faster than pocketsphinx, less accurately on real voices)").choices([...ASR_ENGINES]))
    .action(async (paths: string[], o) => {
      const { replayCommand } = await import('./replay/cli.ts');
      process.exitCode = await replayCommand(paths, o);
    });

  program.command('mic').description('stream the local microphone to a server as a plain-protocol bridge')
    .option('--url <url>', 'server stream endpoint', 'ws://127.0.0.1:8080/v1/stream')
    .option('--agent-id <id>', 'agent id', 'agent-1')
    .option('--call-id <id>', 'call id (default: a new one)')
    .option('--recorder <cmd>', 'recorder program: sox, rec or arecord', 'sox')
    .action(async (o) => {
      const { micCommand } = await import('./mic/index.ts');
      await micCommand({ url: o.url, agentId: o.agentId, callId: o.callId, recorder: o.recorder });
    });

  await program.parseAsync(argv);
}
