"""Exports a checkpoint (or a tiny randomly initialised model, for plumbing tests) to ONNX + config.json.

  python3 export.py --checkpoint checkpoints/best.pt --out ../../asr-embedded
  python3 export.py --random-tiny --out /tmp/x          (RandomTinyModel: untrained, for engine tests only)

ONNX graph (opset 14), one streaming step:
  inputs  feats [B, T, 80] normalised log-mel (T a multiple of 4), cache1 [B, 1, 2, 80], cache2 [B, C, 2, 40],
          h [L, B, H], c [L, B, H]
  outputs logprobs [B, T/4, 29] (log-softmax over blank, space, apostrophe, a-z), cache1_out, cache2_out,
          h_out, c_out
Also writes onnx-check.json: one random input chunk and the torch outputs, so the TS side can verify that
onnxruntime reproduces torch (max abs diff).
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from dsp import FEATURE_CONFIG  # noqa: E402
from model import STATE_NAMES, StreamingCtcModel  # noqa: E402
from textnorm import ALPHABET  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Step(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, feats, cache1, cache2, tcn, h, c):
        return self.m.forward_chunk(feats, cache1, cache2, tcn, h, c)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint")
    ap.add_argument("--random-tiny", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--chunk-frames", type=int, default=16)
    ap.add_argument("--emission-delay-ms", type=float, default=0.0,
                    help="measured lag of CTC emissions behind the speech; subtracted from word times")
    args = ap.parse_args()
    torch.manual_seed(0)
    os.makedirs(args.out, exist_ok=True)
    info = {}
    if args.random_tiny:
        model = StreamingCtcModel(conv_channels=4, d_model=16, hidden=16, layers=1, dilations=(1, 2))
        mean, std = np.zeros(80), np.ones(80) * 5.0
        name = "RandomTinyModel (untrained, for plumbing tests only)"
    else:
        ck = torch.load(args.checkpoint, map_location="cpu")
        cfg = ck["config"]
        model = StreamingCtcModel(**cfg)
        model.load_state_dict(ck["model"])
        stats = json.load(open(os.path.join(HERE, "work", "feats", "stats.json")))
        mean, std = np.array(stats["mean"]), np.array(stats["std"])
        name = "asr-embedded streaming CTC"
        info = {"trainedSteps": ck["state"]["step"], "devHistory": ck["state"]["history"][-1:]}
    model.eval()
    step = Step(model)
    b, t = 1, args.chunk_frames
    feats = torch.randn(b, t, 80)
    states = model.initial_state(b)
    path = os.path.join(args.out, "model.onnx")
    torch.onnx.export(
        step, (feats, *states), path, opset_version=14,
        input_names=["feats"] + STATE_NAMES,
        output_names=["logprobs"] + [n + "_out" for n in STATE_NAMES],
        dynamic_axes={"feats": {0: "batch", 1: "frames"}, "logprobs": {0: "batch", 1: "out_frames"},
                      **{n: {1 if n in ("h", "c") else 0: "batch"} for n in STATE_NAMES},
                      **{n + "_out": {1 if n in ("h", "c") else 0: "batch"} for n in STATE_NAMES}})
    # a reference: two consecutive chunks, so the check covers state carry-over as well
    with torch.no_grad():
        s = model.initial_state(1)
        x1, x2 = torch.randn(1, t, 80), torch.randn(1, t, 80)
        o1, *s = model.forward_chunk(x1, *s)
        o2, *s = model.forward_chunk(x2, *s)
    check = {"chunks": [x1[0].numpy().round(5).tolist(), x2[0].numpy().round(5).tolist()],
             "logprobs": [o1[0].numpy().tolist(), o2[0].numpy().tolist()]}
    # recompute with the rounded inputs so the reference matches exactly what is stored
    with torch.no_grad():
        s = model.initial_state(1)
        outs = []
        for ch in check["chunks"]:
            o, *s = model.forward_chunk(torch.tensor([ch], dtype=torch.float32), *s)
            outs.append(o[0].numpy().round(6).tolist())
    check["logprobs"] = outs
    json.dump(check, open(os.path.join(args.out, "onnx-check.json"), "w"))
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    config = {
        "name": name,
        "features": FEATURE_CONFIG,
        "normMean": [round(float(v), 6) for v in mean],
        "normStd": [round(float(v), 6) for v in std],
        "model": {"file": "model.onnx", "sha256": sha, "subsampling": 4, "frameShiftMs": 40,
                  "chunkFrames": args.chunk_frames, "lookaheadMs": 0,
                  "params": sum(p.numel() for p in model.parameters()),
                  "architecture": {"convChannels": model.conv_channels, "dModel": model.d_model,
                                   "dilations": list(model.dilations), "lstmHidden": model.hidden,
                                   "lstmLayers": model.layers},
                  # state tensors for batch 1: fed as inputs <name>, returned as <name>_out
                  "states": [{"name": n, "shape": list(t.shape)} for n, t in zip(STATE_NAMES, model.initial_state(1))]},
        "alphabet": ALPHABET, "blank": 0, "emissionDelayMs": args.emission_delay_ms,
        **info,
    }
    json.dump(config, open(os.path.join(args.out, "config.json"), "w"), indent=1)
    print(f"exported {path} ({os.path.getsize(path) / 1e6:.2f} MB, sha256 {sha[:12]})")


if __name__ == "__main__":
    main()
