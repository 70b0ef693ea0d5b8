// Builds the PocketSphinx addon at install time (npm ci runs the root "install" script).
// A machine without Debian's libpocketsphinx-dev still installs: the build is skipped with a note, and the
// engine reports ENGINE_UNAVAILABLE at load time (the server then falls back to another engine).
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gypRebuild } from '../gyp-rebuild.mjs';

const hasLib = spawnSync('pkg-config', ['--exists', 'pocketsphinx', 'sphinxbase']).status === 0;
if (!hasLib) {
  console.warn('[pocketsphinx] skipped the native build: install the Debian packages libpocketsphinx-dev libsphinxbase-dev pkg-config (setup-system.sh)');
  process.exit(0);
}
const status = gypRebuild(dirname(fileURLToPath(import.meta.url)));
if (status === null) {
  console.warn('[pocketsphinx] skipped the native build: node-gyp not found (npm ci installs it as a devDependency)');
} else if (status !== 0) {
  console.warn('[pocketsphinx] the native build failed; the pocketsphinx engine will be unavailable');
  process.exit(process.env.POCKETSPHINX_BUILD_STRICT === '1' ? 1 : 0);
}
