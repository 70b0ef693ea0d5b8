import { defineConfig } from 'vitest/config';

// Tests run in forks: onnxruntime-node and native addons are not safe to share between vitest threads.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'native/**/*.test.ts', 'models/train/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
