// Worker entry: registers tsx so that a worker_threads Worker can run a TypeScript module.
// Usage: new Worker(new URL('../worker-boot.mjs', import.meta.url), { workerData: { entry: fileUrl, ... } })
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';
register();
await import(workerData.entry);
