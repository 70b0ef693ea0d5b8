"""Feature cache: decodes ../shared/asrtrain (Opus) and the synthesised WAVs, applies augmentation, and stores
un-normalised 80-bin log-mel (fp16) as one concatenated array per set plus a JSONL index.

Sets written to work/feats/:
  train_clean   every training utterance (real + synthetic), random gain only
  train_aug     every training utterance again: speed 0.9/1.0/1.1, noise (p=0.5), telephone channel (p=0.45)
  dev_synth     dev sentences, train voices, clean        dev_synth_tel  the same through the telephone channel
  dev_real      held-out asrtrain speakers (about 5% of speakers), clean
  extra_clean, extra_aug   the same as train_clean / train_aug for synth_extra.py's renders, when present
Global mean/std per mel bin (from train_clean) go to work/feats/stats.json.
Resumable: a set whose index exists is skipped.
"""
import hashlib
import json
import os
import sys
import time
from multiprocessing import Pool

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(__file__))
import dsp  # noqa: E402
from textnorm import normalise  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
FEATS = os.path.join(WORK, "feats")
ASRTRAIN = os.path.normpath(os.path.join(HERE, "../../../../shared/asrtrain"))
MAX_SECONDS = 17.0  # longer clips are dropped (memory per batch)


def real_items():
    items = []
    for line in open(os.path.join(ASRTRAIN, "manifest.jsonl")):
        r = json.loads(line)
        if r["license"] == "CC-BY-SA-4.0":
            continue  # avoids any share-alike question (README of asrtrain); 10.8 min of digits
        text = normalise(r["text"])
        if not text or r["seconds"] > MAX_SECONDS:
            continue
        spk = r["speaker"] or "none"
        dev = spk != "none" and int(hashlib.md5(spk.encode()).hexdigest(), 16) % 20 == 0
        items.append({"id": r["id"], "path": os.path.join(ASRTRAIN, r["file"]), "text": text,
                      "split": "dev" if dev else "train", "src": "real:" + r["corpus"].split(" ")[0]})
    return items


def synth_items(manifest="manifest.jsonl"):
    """Rows of a synthesis manifest: synth.py's, or synth_extra.py's second pass (manifest_extra.jsonl)."""
    items = []
    for line in open(os.path.join(WORK, "synth", manifest)):
        r = json.loads(line)
        items.append({"id": r["id"], "path": os.path.join(WORK, r["file"]), "text": r["text"], "split": r["split"],
                      "src": f"synth:{r['engine']}:{r['voice'].split('+')[0]}"})
    return items


def load(path):
    x, sr = sf.read(path, dtype="float64", always_2d=False)
    if x.ndim > 1:
        x = x.mean(axis=1)
    assert sr == 16000, path
    return x


def featurise(args):
    item, mode, seed = args
    rng = np.random.default_rng(seed)
    x = load(item["path"])
    if mode in ("clean", "tel"):
        x = x * rng.uniform(0.3, 1.6)
        if mode == "tel":
            x = dsp.telephone_channel(x, rng)
    elif mode == "aug":
        f = rng.choice([0.9, 1.0, 1.1])
        if f != 1.0:
            x = dsp.speed_perturb(x, f)
        if rng.random() < 0.5:
            babble = load(item["babble"]) if item.get("babble") else None
            x = dsp.add_noise(x, rng, babble)
        x = x * rng.uniform(0.2, 1.8)
        if rng.random() < 0.45:
            x = dsp.telephone_channel(x, rng)
    x = np.clip(x, -1.0, 1.0)
    return dsp.log_mel(x).astype(np.float16)


def write_set(name, items, mode, jobs):
    index_path = os.path.join(FEATS, name + ".jsonl")
    if os.path.exists(index_path):
        print(f"{name}: cached", flush=True)
        return
    t0 = time.time()
    with Pool(jobs) as pool:
        feats = pool.map(featurise, [(it, mode, 1000 + i) for i, it in enumerate(items)], chunksize=32)
    offset, rows = 0, []
    for it, f in zip(items, feats):
        rows.append({"id": it["id"], "offset": offset, "frames": len(f), "text": it["text"], "src": it["src"]})
        offset += len(f)
    np.save(os.path.join(FEATS, name + ".npy"), np.concatenate(feats) if feats else np.zeros((0, 80), np.float16))
    with open(index_path + ".tmp", "w") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    os.replace(index_path + ".tmp", index_path)
    hours = offset / 100 / 3600
    print(f"{name}: {len(items)} utts, {hours:.2f} h, {time.time() - t0:.0f} s", flush=True)


def main():
    jobs = int(os.environ.get("FEAT_JOBS", "2"))
    os.makedirs(FEATS, exist_ok=True)
    real, synth = real_items(), synth_items()
    rng = np.random.default_rng(5)
    train = [it for it in real + synth if it["split"] == "train"]
    for it in train:  # babble source: another training utterance
        it["babble"] = train[int(rng.integers(len(train)))]["path"]
    dev_synth = [it for it in synth if it["split"] == "dev"][:150]
    dev_real = [it for it in real if it["split"] == "dev"]
    rng.shuffle(dev_real)
    dev_real = dev_real[:200]
    print(f"train {len(train)} utts (real {sum(1 for i in train if i['src'].startswith('real'))})", flush=True)
    write_set("dev_synth", dev_synth, "clean", jobs)
    write_set("dev_synth_tel", dev_synth, "tel", jobs)
    write_set("dev_real", dev_real, "clean", jobs)
    write_set("train_clean", train, "clean", jobs)
    stats_path = os.path.join(FEATS, "stats.json")
    if not os.path.exists(stats_path):
        f = np.load(os.path.join(FEATS, "train_clean.npy"), mmap_mode="r")
        sample = np.asarray(f[:: max(1, len(f) // 400000)], dtype=np.float64)
        json.dump({"mean": sample.mean(0).tolist(), "std": sample.std(0).tolist(), "frames": len(sample)},
                  open(stats_path, "w"))
    write_set("train_aug", train, "aug", jobs)
    extra = synth_items("manifest_extra.jsonl") if os.path.exists(os.path.join(WORK, "synth", "manifest_extra.jsonl")) else []
    if extra:  # separate sets, so that the first pass's cache stays valid; normalisation stats stay train_clean's
        for it in extra:
            it["babble"] = train[int(rng.integers(len(train)))]["path"]
        write_set("extra_clean", extra, "clean", jobs)
        write_set("extra_aug", extra, "aug", jobs)


if __name__ == "__main__":
    main()
