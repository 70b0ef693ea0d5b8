// Builds the optional front-end addon at install time (npm ci runs the root "install" script). Any failure
// leaves the TypeScript path in use (native/dsp/index.ts returns null), so installation never fails here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
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
// Build against the running node's own headers (<prefix>/include/node: Debian's /usr, the node image's
// /usr/local) so no header download is needed.
const args = [gyp, 'rebuild'];
const nodedir = [resolve(dirname(process.execPath), '..'), '/usr'].find((d) => existsSync(`${d}/include/node/node_api.h`));
if (!process.env.npm_config_nodedir && nodedir) args.push(`--nodedir=${nodedir}`);
const r = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit' });
if (r.status !== 0) console.warn('[dsp] the native build failed; the TypeScript resampler is used');
