import { build, type BuildOptions } from './app.ts';
import { startAudioSocketServer } from './audiosocket-server.ts';

/** Runs the server until SIGINT/SIGTERM: HTTP + WebSockets on PORT, AudioSocket TCP on its own port. */
export async function serve(opts: BuildOptions = {}): Promise<void> {
  const app = await build(opts);
  const { config } = app;
  const log = app.log;
  await app.fastify.listen({ port: config.port, host: config.host });
  const tcp = config.ingest.audioSocketEnabled ? await startAudioSocketServer(app, config.host, config.ingest.audioSocketPort) : null;
  log.info({ port: config.port, audioSocketPort: tcp ? config.ingest.audioSocketPort : null, asr: app.pipeline.providers.asr.name }, 'agent-assist listening');
  app.pipeline.providers.coach.watch?.(); // rule pack edits apply to new calls without a restart
  const retention = setInterval(() => {
    app.store?.purgeOlderThan(config.store.retentionDays).catch((err: Error) => log.warn({ err: err.message }, 'retention failed'));
  }, 24 * 3600 * 1000);
  retention.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    clearInterval(retention);
    tcp?.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
