// Shared by the addons' build scripts: runs `node-gyp rebuild` in an addon folder. Returns the exit status,
// or null when no node-gyp is found (the caller skips its build with a note).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

export function gypRebuild(dir) {
  let gyp;
  try {
    gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // `npm ci --omit=dev` (the Dockerfile) has no node-gyp package: npm's own copy, which npm names to scripts
    gyp = process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp) ? process.env.npm_config_node_gyp : undefined;
  }
  if (!gyp) return null;
  // Build against the running node's own headers (<prefix>/include/node: Debian's /usr, the node image's
  // /usr/local) so no header download is needed.
  const args = [gyp, 'rebuild'];
  const nodedir = [resolve(dirname(process.execPath), '..'), '/usr'].find((d) => existsSync(`${d}/include/node/node_api.h`));
  if (!process.env.npm_config_nodedir && nodedir) args.push(`--nodedir=${nodedir}`);
  return spawnSync(process.execPath, args, { cwd: dir, stdio: 'inherit' }).status;
}
