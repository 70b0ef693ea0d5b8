"""Trains the embedded sentiment + emotion classifier and exports it to ONNX.

Model: hashed features (word, bigram, char 3/4-grams; featurize.py) -> embedding (mean over a word's features)
-> two 1-D convolutions over words (kernel 3, dilation 1 and 2: sees ~7 words, enough for "not at all happy")
-> masked max + mean pooling -> MLP -> heads: sentiment (3), emotion (7), valence (1, tanh).
Input `ids` int64 [batch, words, feats]; id 0 is padding; a word row whose first id is 0 is padding.

Usage: nice python3 train.py [--epochs 8] ; reads work/{train,dev}.jsonl, writes models/analysis-embedded/.
"""
import argparse
import json
import os
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from featurize import TOKENIZER, encode
from dataset import EMOTIONS, SENTIMENTS

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "../../analysis-embedded"))


class HashCnnClassifier(nn.Module):
    def __init__(self, buckets: int, dim: int = 48, conv: int = 128, hidden: int = 128):
        super().__init__()
        self.emb = nn.Embedding(buckets, dim, padding_idx=0)
        self.conv1 = nn.Conv1d(dim, conv, 3, padding=1)
        self.conv2 = nn.Conv1d(conv, conv, 3, padding=2, dilation=2)
        self.drop = nn.Dropout(0.3)
        self.fc = nn.Linear(conv + dim, hidden)
        self.sent = nn.Linear(hidden, len(SENTIMENTS))
        self.emo = nn.Linear(hidden, len(EMOTIONS))
        self.val = nn.Linear(hidden, 1)

    def logits(self, ids):
        feat_mask = (ids != 0).float().unsqueeze(-1)                       # [B,T,K,1]
        word = (self.emb(ids) * feat_mask).sum(2) / feat_mask.sum(2).clamp(min=1.0)  # [B,T,D]
        mask = (ids[:, :, 0] != 0).float()                                 # [B,T]
        x = word.transpose(1, 2) * mask.unsqueeze(1)                       # [B,D,T]
        h = F.relu(self.conv1(x)) * mask.unsqueeze(1)
        h = F.relu(self.conv2(h) + h) * mask.unsqueeze(1)
        hmax = (h - (1.0 - mask.unsqueeze(1)) * 1e4).max(dim=2).values       # [B,C]
        wmean = x.sum(2) / mask.sum(1, keepdim=True).clamp(min=1.0)         # [B,D]
        z = self.drop(F.relu(self.fc(self.drop(torch.cat([hmax, wmean], 1)))))
        return self.sent(z), self.emo(z), torch.tanh(self.val(z)).squeeze(1)

    def forward(self, ids):
        s, e, v = self.logits(ids)
        return F.softmax(s, 1), F.softmax(e, 1), v


def load(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    for r in rows:
        r["ids"] = encode(r["text"])
    return rows


def batchify(rows):
    t = max(len(r["ids"]) for r in rows)
    k = TOKENIZER["max_feats_per_token"]
    ids = torch.zeros(len(rows), t, k, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r["ids"])] = torch.tensor(r["ids"], dtype=torch.long)
    sent = torch.tensor([SENTIMENTS.index(r["sentiment"]) for r in rows])
    emo = torch.tensor([EMOTIONS.index(r["emotion"]) if r["emotion"] else -100 for r in rows])
    val = torch.tensor([float(r["valence"]) for r in rows])
    w = torch.tensor([float(r.get("weight", 1.0)) for r in rows])
    return ids, sent, emo, val, w


def feature_dropout(ids, p):
    """Zeroes a share of the feature ids (never a word's first id, which marks the word as present) so the model
    cannot lean on one n-gram: unseen phrasings and ASR errors remove features the same way."""
    if p <= 0:
        return ids
    drop = torch.rand(ids.shape) < p
    drop[:, :, 0] = False
    return ids.masked_fill(drop, 0)


def macro_f1(gold, pred, n):
    f1s = []
    for c in range(n):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
    return sum(f1s) / max(1, len(f1s))


@torch.no_grad()
def evaluate(model, rows):
    model.eval()
    gs, ps, ge, pe = [], [], [], []
    for i in range(0, len(rows), 256):
        ids, sent, emo, _, _ = batchify(rows[i : i + 256])
        s, e, _ = model(ids)
        gs += sent.tolist(); ps += s.argmax(1).tolist(); ge += emo.tolist(); pe += e.argmax(1).tolist()
    model.train()
    return macro_f1(gs, ps, 3), macro_f1(ge, pe, 7)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dim", type=int, default=48)
    ap.add_argument("--feat-drop", type=float, default=0.15)
    # label smoothing keeps the probabilities from saturating at 1.00, so downstream thresholds stay meaningful
    ap.add_argument("--label-smoothing", type=float, default=0.1)
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    random.seed(1)
    t0 = time.time()
    train, dev = load(os.path.join(HERE, "work/train.jsonl")), load(os.path.join(HERE, "work/dev.jsonl"))
    print(f"featurized {len(train)} train / {len(dev)} dev in {time.time() - t0:.0f}s", flush=True)
    # inverse-frequency emotion class weights (confusion and anxiety are rare in the external data)
    counts = [sum(r.get("weight", 1.0) for r in train if r["emotion"] == e) for e in EMOTIONS]
    cw = torch.tensor([(sum(counts) / len(counts) / max(c, 1.0)) ** 0.5 for c in counts])
    model = HashCnnClassifier(TOKENIZER["buckets"], args.dim)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    best, best_state = -1.0, None
    for ep in range(args.epochs):
        random.shuffle(train)
        # bucket by length inside chunks so padding stays small
        chunks = [sorted(train[i : i + args.batch * 50], key=lambda r: len(r["ids"])) for i in range(0, len(train), args.batch * 50)]
        batches = [c[i : i + args.batch] for c in chunks for i in range(0, len(c), args.batch)]
        random.shuffle(batches)
        tot = 0.0
        for b in batches:
            ids, sent, emo, val, w = batchify(b)
            ids = feature_dropout(ids, args.feat_drop)
            ls, le, lv = model.logits(ids)
            loss_s = (F.cross_entropy(ls, sent, reduction="none", label_smoothing=args.label_smoothing) * w).sum() / w.sum()
            has_e = emo >= 0
            loss_e = (F.cross_entropy(le[has_e], emo[has_e], weight=cw, reduction="none", label_smoothing=args.label_smoothing) * w[has_e]).sum() / w[has_e].sum().clamp(min=1e-6)
            loss_v = ((lv - val) ** 2 * w).sum() / w.sum()
            loss = loss_s + loss_e + 0.5 * loss_v
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += loss.item()
        fs, fe = evaluate(model, dev)
        print(f"epoch {ep + 1} loss {tot / len(batches):.3f} dev sentF1 {fs:.3f} emoF1 {fe:.3f} ({time.time() - t0:.0f}s)", flush=True)
        if fs + fe > best:
            best, best_state = fs + fe, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    held = load(os.path.join(HERE, "heldout.jsonl"))
    fs, fe = evaluate(model, held)
    print(f"held-out (report only, not used for selection): sentF1 {fs:.3f} emoF1 {fe:.3f}", flush=True)
    export(model, time.time() - t0)


def export(model, train_s):
    model.eval()  # evaluate() leaves the model in train mode; reference outputs must be dropout-free
    os.makedirs(OUT, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(HERE, "work", "last.pt"))
    dummy = torch.tensor([encode("I am not happy at all with this")], dtype=torch.long)
    torch.onnx.export(model, (dummy,), os.path.join(OUT, "model.onnx"), input_names=["ids"],
                      output_names=["sentiment_probs", "emotion_probs", "valence"],
                      dynamic_axes={"ids": {0: "batch", 1: "words"}, "sentiment_probs": {0: "batch"},
                                    "emotion_probs": {0: "batch"}, "valence": {0: "batch"}}, opset_version=13)
    with open(os.path.join(OUT, "tokenizer.json"), "w") as f:
        json.dump(TOKENIZER, f, indent=1)
    with open(os.path.join(OUT, "labels.json"), "w") as f:
        json.dump({"sentiment": SENTIMENTS, "emotion": EMOTIONS}, f, indent=1)
    # reference outputs for the TypeScript engine's parity test
    refs = []
    with torch.no_grad():
        for s in ["thank you so much, you've been really helpful", "my husband passed away last month",
                  "this is the third time I'm calling and nobody has fixed it", "", "not bad at all"]:
            sp, ep, v = model(torch.tensor([encode(s)], dtype=torch.long))
            refs.append({"text": s, "sentiment_probs": [round(x, 5) for x in sp[0].tolist()],
                         "emotion_probs": [round(x, 5) for x in ep[0].tolist()]})
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump({"train_seconds": round(train_s), "outputs": refs}, f, indent=1)
    print("exported to", OUT, f"{os.path.getsize(os.path.join(OUT, 'model.onnx')) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
