import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({}, {});
    expect(c.port).toBe(8080);
    expect(c.asr.engine).toBe('auto');
    expect(c.store.sqlitePath).toBe('var/agent-assist.db');
    expect(Object.isFrozen(c.asr)).toBe(true);
  });
  it('reads PORT, HOST and prefixed overrides from the environment', () => {
    const c = loadConfig({}, { PORT: '9000', HOST: '127.0.0.1', AGENT_ASSIST_ASR_ENGINE: 'embedded',
      AGENT_ASSIST_STORE_SQLITE_PATH: '/tmp/x.db', AGENT_ASSIST_LOG_LEVEL: 'warn' });
    expect(c.port).toBe(9000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.asr.engine).toBe('embedded');
    expect(c.store.sqlitePath).toBe('/tmp/x.db');
    expect(c.logLevel).toBe('warn');
    expect(loadConfig({}, { AGENT_ASSIST_INGEST_AUDIO_SOCKET_ENABLED: 'false' }).ingest.audioSocketEnabled).toBe(false);
    expect(loadConfig({}, {}).asr.pocketsphinxProfile).toBe('accurate');
    expect(loadConfig({}, { AGENT_ASSIST_ASR_POCKETSPHINX_PROFILE: 'fast' }).asr.pocketsphinxProfile).toBe('fast');
    expect(() => loadConfig({}, { AGENT_ASSIST_ASR_POCKETSPHINX_PROFILE: 'turbo' })).toThrowError(/pocketsphinxProfile/);
  });
  it('explicit options win over the environment', () => {
    expect(loadConfig({ port: 1234 }, { PORT: '9000' }).port).toBe(1234);
  });
  it('refuses a bad value with a clear error code', () => {
    expect(() => loadConfig({}, { AGENT_ASSIST_ASR_ENGINE: 'whisper' })).toThrowError(/asr.engine/);
    expect(() => loadConfig({}, { PORT: 'abc' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
