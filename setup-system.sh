#!/usr/bin/env bash
# Installs the Debian packages the project needs (run as root, or with sudo).
# Speech synthesis for fixtures/training, PocketSphinx for the native engine, PostgreSQL for the store's
# PostgreSQL tests, Chromium for browser tests, Debian's torch for training (only needed by models/train).
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
PKGS=(build-essential python3 pkg-config sox opus-tools espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
      libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us sphinxbase-utils)
# Test-only tools: Chromium for the browser tests, PostgreSQL for the store's PostgreSQL tests
# (WITH_TEST_TOOLS=0 in the server image).
if [ "${WITH_TEST_TOOLS:-1}" = "1" ]; then PKGS+=(chromium fonts-dejavu-core postgresql); fi
if [ "${WITH_TRAINING:-0}" = "1" ]; then
  PKGS+=(python3-torch python3-torchaudio python3-onnx python3-soundfile python3-numpy libopenblas0-pthread)
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# flock: several set-up steps (and helpers) may install at once; apt allows one at a time.
flock /tmp/apt.lock $SUDO apt-get install -y -qq --no-install-recommends "${PKGS[@]}"
