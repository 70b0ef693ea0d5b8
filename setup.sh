#!/usr/bin/env bash
# One-step set-up on a fresh Debian machine: system packages (speech synthesis for fixtures, PocketSphinx,
# Chromium for the browser test), then the npm packages (which also build the native addon).
# WITH_TRAINING=1 also installs Debian's torch stack for models/train.
set -euo pipefail
cd "$(dirname "$0")"
./setup-system.sh
npm ci
