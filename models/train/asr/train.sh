#!/usr/bin/env bash
# Whole pipeline for the embedded ASR model: sentences -> TTS synthesis -> feature cache -> training -> ONNX
# export. Every stage is resumable (skips finished work; training resumes from checkpoints/last.pt).
#   BUDGET_MIN=100 bash models/train/asr/train.sh       (training wall-clock budget in minutes)
#   TRAIN_ARGS="--lr 5e-4 --vtlp 0.6" BUDGET_MIN=105 bash models/train/asr/train.sh   (extra train.py options;
#   the committed model's runs are listed in models/asr-embedded/README.md)
# Needs Debian python3-torch/torchaudio/onnx/soundfile/numpy, espeak-ng, flite, festival (+voices), sox.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
BUDGET_MIN="${BUDGET_MIN:-100}"
mkdir -p work logs checkpoints
[ -f work/sentences.jsonl ] || nice $PY sentences.py
[ -f work/synth/manifest.jsonl ] || nice -n 10 $PY synth.py
[ -f work/synth/manifest_extra.jsonl ] || nice -n 10 $PY synth_extra.py   # more voices (second pass)
nice -n 5 $PY features.py
RESUME=""; [ -f checkpoints/last.pt ] && RESUME="--resume"
# shellcheck disable=SC2086  # TRAIN_ARGS is a list of options
nice -n 2 $PY train.py --budget-min "$BUDGET_MIN" $RESUME ${TRAIN_ARGS:-}
$PY export.py --checkpoint checkpoints/best.pt --out ../../asr-embedded
nice $PY lm.py   # word trigram LM for the beam search (../../asr-embedded/lm.json)
