#!/usr/bin/env bash
# Reproduces the embedded text classifier: dataset -> training -> ONNX export -> tokenizer parity cases -> eval.
# Runs on CPU with Debian's torch (one thread, under nice); about 3.5-4.5 minutes on a shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
nice $PY dataset.py --per-template 30
nice $PY train.py --epochs 7 2>&1 | grep -v -e 'UserWarning' -e '_C\._jit'
$PY tokenizer_cases.py
cd ../../..
node --import tsx models/train/analysis/eval.ts
