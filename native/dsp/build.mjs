// Builds the optional front-end addon at install time (npm ci runs the root "install" script). Any failure
// leaves the TypeScript path in use (native/dsp/index.ts returns null), so installation never fails here.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gypRebuild } from '../gyp-rebuild.mjs';

const status = gypRebuild(dirname(fileURLToPath(import.meta.url)));
if (status === null) console.warn('[dsp] skipped the native build: node-gyp not found (npm ci installs it as a devDependency)');
else if (status !== 0) console.warn('[dsp] the native build failed; the TypeScript resampler is used');
