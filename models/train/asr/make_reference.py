"""Writes the tiny reference file for the TypeScript front-end test (src/asr/embedded/testdata/logmel-ref.json):
0.3 s of a deterministic test signal (chirp + tone + noise, stored as int16) and its float64 log-mel."""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import dsp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "../../../src/asr/embedded/testdata/logmel-ref.json")

rng = np.random.default_rng(3)
t = np.arange(4800) / 16000
x = 0.3 * np.sin(2 * np.pi * (200 + 6000 * t) * t) + 0.1 * np.sin(2 * np.pi * 440 * t) + 0.01 * rng.standard_normal(len(t))
x[:800] *= np.linspace(0, 1, 800)  # fade-in so quiet frames are covered too
pcm = np.round(np.clip(x, -1, 1) * 32767).astype(np.int16)
feats = dsp.log_mel(pcm.astype(np.float64) / 32768.0, dtype=np.float64)
json.dump({"pcm16": pcm.tolist(), "logmel": np.round(feats, 5).tolist(), "config": dsp.FEATURE_CONFIG},
          open(OUT, "w"), separators=(",", ":"))
print(OUT, feats.shape, os.path.getsize(OUT))
