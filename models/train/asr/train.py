"""Trains the streaming CTC model on the cached features (features.py) within a wall-clock budget.

  python3 train.py --budget-min 100 [--resume]

Checkpoints every --ckpt-min minutes to checkpoints/last.pt (resumable: model, optimiser, position in the
epoch) and checkpoints/best.pt (lowest mean dev WER). Logs to logs/train.log (one line per 50 updates).
Single torch thread on purpose: on this shared 2-core box, 2 OpenMP threads made every small elementwise op wait
~8 ms for the busy second core, and the LSTM step 7x slower than with 1 thread (measured).
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from model import StreamingCtcModel, output_lengths  # noqa: E402
from textnorm import ALPHABET, encode  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FEATS = os.path.join(HERE, "work", "feats")
CKPT = os.path.join(HERE, "checkpoints")
LOG = os.path.join(HERE, "logs", "train.log")
SNAPSHOTS = os.path.join(HERE, "work", "snapshots")


def log(msg):
    line = time.strftime("%Y-%m-%dT%H:%M:%SZ ", time.gmtime()) + msg
    print(line, flush=True)
    with open(LOG, "a") as f:
        f.write(line + "\n")


class FeatureSet:
    """One or more cached feature sets (features.py) seen as one list of rows."""

    def __init__(self, names, mean, std):
        names = [names] if isinstance(names, str) else names
        self.name = "+".join(names)
        self.data, self.rows = [], []
        for k, name in enumerate(names):
            self.data.append(np.load(os.path.join(FEATS, name + ".npy")))
            rows = [json.loads(l) for l in open(os.path.join(FEATS, name + ".jsonl"))]
            self.rows += [dict(r, part=k) for r in rows if r["frames"] >= 8 and encode(r["text"])]
        self.mean, self.std = mean, std

    def features(self, i):
        r = self.rows[i]
        x = self.data[r["part"]][r["offset"]:r["offset"] + r["frames"]].astype(np.float32)
        return (x - self.mean) / self.std


# Band centres of the 80 HTK-mel filters (0-8000 Hz), for the frequency warp below.
_MEL_MAX = 2595.0 * math.log10(1.0 + 8000.0 / 700.0)
_CENTRES_HZ = 700.0 * (10.0 ** (np.arange(1, 81) * _MEL_MAX / 81.0 / 2595.0) - 1.0)


def warp_index(alpha):
    """Fractional band index each of the 80 bands reads from when the spectrum is stretched by alpha
    (vocal tract length perturbation, Jaitly & Hinton 2013): frequency f comes from f / alpha below a 4.8 kHz
    knee and from a line that keeps 8 kHz fixed above it, so no band reads beyond the spectrum."""
    knee = 4800.0 * min(alpha, 1.0)
    f = np.where(_CENTRES_HZ <= knee, _CENTRES_HZ / alpha,
                 knee / alpha + (_CENTRES_HZ - knee) * (8000.0 - knee / alpha) / (8000.0 - knee))
    mel = 2595.0 * np.log10(1.0 + f / 700.0)
    return np.clip(mel / _MEL_MAX * 81.0 - 1.0, 0.0, 79.0)


def freq_warp(f, alpha, mean, std):
    """Warps normalised log-mel features (T, 80) along frequency; the warp acts on the raw log-mel energies."""
    idx = warp_index(alpha)
    lo = np.floor(idx).astype(np.int64)
    hi = np.minimum(lo + 1, 79)
    w = (idx - lo).astype(np.float32)
    raw = f * std + mean
    warped = raw[:, lo] * (1.0 - w) + raw[:, hi] * w
    return ((warped - mean) / std).astype(np.float32)


def collate(items, spec_augment, rng, vtlp=None):
    """items: list of (features (T, 80), text). Pads time to a multiple of 4.
    vtlp: None, or (probability, max warp, mean, std): each clip's spectrum stretched by U(1 - max, 1 + max)."""
    t_max = max(len(x) for x, _ in items)
    t_max = (t_max + 3) // 4 * 4
    x = np.zeros((len(items), t_max, 80), np.float32)
    lens, targets, tlens = [], [], []
    for k, (f, text) in enumerate(items):
        f = f.copy()
        if vtlp and rng.random() < vtlp[0]:
            f = freq_warp(f, rng.uniform(1.0 - vtlp[1], 1.0 + vtlp[1]), vtlp[2], vtlp[3])
        if spec_augment:
            for _ in range(2):
                w = rng.randint(0, 8)
                s = rng.randint(0, 80 - w)
                f[:, s:s + w] = 0.0
            for _ in range(2):
                w = rng.randint(0, min(20, len(f) // 8))
                s = rng.randint(0, max(0, len(f) - w))
                f[s:s + w, :] = 0.0
        x[k, :len(f)] = f
        lens.append(len(f))
        ids = encode(text)
        targets += ids
        tlens.append(len(ids))
    return (torch.from_numpy(x), torch.tensor(output_lengths(np.array(lens))), torch.tensor(targets),
            torch.tensor(tlens))


def make_batches(lengths, max_frames, max_utts, rng, sort_ascending):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i] + rng.random())
    batches, cur, cur_max = [], [], 0
    for i in order:
        m = max(cur_max, lengths[i])
        if cur and (m * (len(cur) + 1) > max_frames or len(cur) >= max_utts):
            batches.append(cur)
            cur, m = [], lengths[i]
        cur.append(i)
        cur_max = m
    if cur:
        batches.append(cur)
    if not sort_ascending:
        rng.shuffle(batches)
    return batches


def greedy(logp_row, n):
    ids = logp_row[:n].argmax(-1).tolist()
    out, prev = [], 0
    for i in ids:
        if i != prev and i != 0:
            out.append(ALPHABET[i])
        prev = i
    return " ".join("".join(out).split())


def edit_distance(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(b)]


def dev_wer(model, ds):
    model.eval()
    errs = words = 0
    idx = sorted(range(len(ds.rows)), key=lambda i: ds.rows[i]["frames"])
    with torch.no_grad():
        for s in range(0, len(idx), 32):
            chunk = idx[s:s + 32]
            x, xl, _, _ = collate([(ds.features(i), ds.rows[i]["text"]) for i in chunk], False, None)
            lp = model(x)
            for k, i in enumerate(chunk):
                hyp = greedy(lp[k], int(xl[k])).split()
                ref = ds.rows[i]["text"].split()
                errs += edit_distance(ref, hyp)
                words += len(ref)
    model.train()
    return errs / max(1, words)


def model_config(model):
    return {"conv_channels": model.conv_channels, "d_model": model.d_model, "hidden": model.hidden,
            "layers": model.layers, "dilations": list(model.dilations), "kernel": model.kernel}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget-min", type=float, required=True)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--ckpt-min", type=float, default=10.0)
    ap.add_argument("--max-frames", type=int, default=3000, help="padded input frames per batch (10 ms each)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--vtlp", type=float, default=0.0,
                    help="probability of a vocal-tract-length frequency warp per clip (0 = off)")
    ap.add_argument("--snapshots", action="store_true", help="also keep every checkpoint's weights in work/snapshots")
    ap.add_argument("--no-extra", action="store_true", help="leave out synth_extra.py's renders")
    ap.add_argument("--new-epoch", action="store_true",
                    help="with --resume: start a new epoch (needed when the training set changed since the checkpoint)")
    ap.add_argument("--vtlp-max", type=float, default=0.1, help="largest warp: factors in [1 - max, 1 + max]")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(CKPT, exist_ok=True)
    os.makedirs(os.path.dirname(LOG), exist_ok=True)
    t_start = time.time()
    deadline = t_start + args.budget_min * 60

    stats = json.load(open(os.path.join(FEATS, "stats.json")))
    mean, std = np.array(stats["mean"], np.float32), np.array(stats["std"], np.float32)
    # the second synthesis pass (synth_extra.py), when its features exist, joins the training set
    extra = os.path.exists(os.path.join(FEATS, "extra_aug.jsonl")) and not args.no_extra
    clean = FeatureSet(["train_clean"] + (["extra_clean"] if extra else []), mean, std)
    aug = FeatureSet(["train_aug"] + (["extra_aug"] if extra else []), mean, std)
    aug_by_id = {r["id"]: k for k, r in enumerate(aug.rows)}
    devs = [FeatureSet(n, mean, std) for n in ("dev_synth", "dev_synth_tel", "dev_real")]
    for d, keep in zip(devs, (80, 80, 100)):  # dev WER costs CPU time out of the budget: keep it small
        d.rows = d.rows[:keep]

    model = StreamingCtcModel()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    state = {"step": 0, "epoch": 0, "batch": 0, "best": 9.9, "history": []}
    if args.resume and os.path.exists(os.path.join(CKPT, "last.pt")):
        ck = torch.load(os.path.join(CKPT, "last.pt"))
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        state = ck["state"]
        if args.new_epoch and state["batch"] > 0:
            state["epoch"] += 1
            state["batch"] = 0
        log(f"resumed at step {state['step']} epoch {state['epoch']} batch {state['batch']}")
    n_params = sum(p.numel() for p in model.parameters())
    log(f"start budget {args.budget_min} min, lr {args.lr}, vtlp p {args.vtlp} max {args.vtlp_max}, params {n_params}, train utts {len(clean.rows)}, "
        f"hours clean {sum(r['frames'] for r in clean.rows) / 360000:.2f}")

    def lr_at(step):
        frac = min(1.0, (time.time() - t_start) / (deadline - t_start))
        warm = min(1.0, (step + 1) / args.warmup) if not args.resume else 1.0
        decay = 1.0 if frac < 0.45 else 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * (frac - 0.45) / 0.55))
        return args.lr * warm * decay

    def checkpoint():
        wers = [dev_wer(model, d) for d in devs]
        score = float(np.mean(wers))
        state["history"].append({"step": state["step"], "min": round((time.time() - t_start) / 60, 1),
                                 "dev_synth": wers[0], "dev_synth_tel": wers[1], "dev_real": wers[2]})
        improved = score < state["best"]
        if improved:  # before saving last.pt, so that a resumed run knows the best score so far
            state["best"] = score
        ck = {"model": model.state_dict(), "opt": opt.state_dict(), "state": state,
              "config": model_config(model)}
        torch.save(ck, os.path.join(CKPT, "last.pt.tmp"))
        os.replace(os.path.join(CKPT, "last.pt.tmp"), os.path.join(CKPT, "last.pt"))
        if improved:
            torch.save({"model": model.state_dict(), "state": state, "config": ck["config"]},
                       os.path.join(CKPT, "best.pt"))
        if args.snapshots:  # every checkpoint's weights, to choose between them on unseen voices afterwards
            os.makedirs(SNAPSHOTS, exist_ok=True)
            torch.save({"model": model.state_dict(), "state": state, "config": ck["config"]},
                       os.path.join(SNAPSHOTS, f"step-{state['step']}.pt"))
        log(f"dev step {state['step']} wer synth {wers[0]:.3f} synth_tel {wers[1]:.3f} real {wers[2]:.3f} "
            f"mean {score:.3f} best {state['best']:.3f}")

    lengths = [r["frames"] for r in clean.rows]
    vtlp = (args.vtlp, args.vtlp_max, mean, std) if args.vtlp > 0 else None
    last_ckpt = time.time()
    loss_acc, n_acc, frames_acc, t_acc = 0.0, 0, 0, time.time()
    done = False
    while not done:
        ep = state["epoch"]
        rng = random.Random(1000 + ep)
        # epoch 0: shortest first (CTC leaves the all-blank phase sooner on short clips), clean only
        batches = make_batches(lengths, args.max_frames, 64, rng, sort_ascending=(ep == 0))
        p_aug = 0.6 if ep > 0 else 0.5
        while state["batch"] < len(batches):
            b = batches[state["batch"]]
            items = []
            for i in b:
                rid = clean.rows[i]["id"]
                # the first 1,000 updates see clean audio only (leaving the CTC plateau is faster)
                if state["step"] >= 1000 and rng.random() < p_aug and rid in aug_by_id:
                    items.append((aug.features(aug_by_id[rid]), aug.rows[aug_by_id[rid]]["text"]))
                else:
                    items.append((clean.features(i), clean.rows[i]["text"]))
            x, xl, y, yl = collate(items, spec_augment=ep >= 1, rng=rng, vtlp=vtlp)
            for g in opt.param_groups:
                g["lr"] = lr_at(state["step"])
            lp = model(x)
            loss = ctc(lp.transpose(0, 1), y, xl, yl)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            state["step"] += 1
            state["batch"] += 1
            loss_acc += float(loss)
            n_acc += 1
            frames_acc += int(sum(len(f) for f, _ in items))
            if state["step"] % 50 == 0:
                dt = time.time() - t_acc
                log(f"step {state['step']} ep {ep} batch {state['batch']}/{len(batches)} loss {loss_acc / n_acc:.3f} "
                    f"lr {lr_at(state['step']):.2e} audio x{frames_acc / 100 / dt:.1f} realtime")
                loss_acc, n_acc, frames_acc, t_acc = 0.0, 0, 0, time.time()
            if time.time() - last_ckpt > args.ckpt_min * 60:
                checkpoint()
                last_ckpt = time.time()
            if time.time() > deadline:
                done = True
                break
        if not done:
            state["epoch"] += 1
            state["batch"] = 0
    checkpoint()
    log(f"end step {state['step']} epoch {state['epoch']} after {(time.time() - t_start) / 60:.1f} min")


if __name__ == "__main__":
    main()
