// Builds the optional front-end addon at install time (npm ci runs the root "install" script). Any failure
// leaves the TypeScript path in use (native/dsp/index.ts returns null), so installation never fails here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let gyp;
try {
  gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  // `npm ci --omit=dev` (the Dockerfile) has no node-gyp package: npm's own copy, which npm names to scripts
  gyp = process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp) ? process.env.npm_config_node_gyp : undefined;
}
if (!gyp) {
  console.warn('[dsp] skipped the native build: node-gyp not found (npm ci installs it as a devDependency)');
  process.exit(0);
}
// Build against the local node headers (Debian's /usr/include/node) so no header download is needed.
const args = [gyp, 'rebuild'];
if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');
const r = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit' });
if (r.status !== 0) console.warn('[dsp] the native build failed; the TypeScript resampler is used');
