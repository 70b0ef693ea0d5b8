"""Builds the sentiment + emotion training data (work/train.jsonl, work/dev.jsonl) and the committed held-out set
(heldout.jsonl). Reproducible: fixed seeds, no network.

Sources
  * train_source.py: hand-written templates with slot fillers and whole utterances (contact-centre turns of
    customers and agents), expanded with ASR-style noise (lower case, no punctuation, fillers, homophone
    substitutions, deletions, stutters, split contractions).
  * ../shared/textdata/goemotions (Apache-2.0): single-label rows mapped to our 7 emotions (gratitude_joy -> gratitude),
    capped per class and down-weighted (Reddit text, not phone speech).
  * ../shared/textdata/emobank (CC BY-SA 4.0): sentiment and valence only (no emotion label), down-weighted.
  * heldout_source.py: separately written utterances -> heldout.jsonl only (40% get ASR-style noise).
XED (subtitles, no rights-holder grant for the text) is not used.

Usage: python3 dataset.py [--shared ../../../../shared/textdata] [--per-template 12]
"""
import argparse
import gzip
import hashlib
import json
import os
import random
import re

from featurize import words
from heldout_source import HELDOUT
from train_source import NEUTRAL_PREFIX, POLITE_WRAPPERS, SLOTS, T, WHOLE

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = {
    "ANG": ("anger", "negative", -0.9), "FRU": ("frustration", "negative", -0.7), "SAD": ("sadness", "negative", -0.7),
    "ANX": ("anxiety", "negative", -0.6), "NEGN": ("neutral", "negative", -0.4), "CON": ("confusion", "neutral", -0.1),
    "NEU": ("neutral", "neutral", 0.0), "POSN": ("neutral", "positive", 0.5), "GRA": ("gratitude", "positive", 0.9),
}
EMOTIONS = ["anger", "frustration", "sadness", "anxiety", "confusion", "gratitude", "neutral"]
SENTIMENTS = ["negative", "neutral", "positive"]

FILLERS = ["um", "uh", "er", "erm", "like", "you know", "i mean", "so", "well", "yeah", "okay", "right", "actually"]
# Homophones and typical recogniser confusions (word -> alternatives); negations are never substituted or dropped.
ASR_SUBS = {
    "to": ["two", "too"], "too": ["to"], "their": ["there"], "there": ["their"], "hour": ["our"], "our": ["hour"],
    "week": ["weak"], "know": ["no"], "right": ["write"], "wait": ["weight"], "new": ["knew"], "by": ["buy", "bye"],
    "for": ["four", "fur"], "bill": ["bell", "build"], "card": ["car", "cart"], "charged": ["charge", "charges"],
    "cancelled": ["canceled", "council"], "cancel": ["council", "cancer"], "refund": ["re fund", "refunds"],
    "internet": ["inter net"], "account": ["a count", "count"], "ridiculous": ["ridiculus", "rediculous"],
    "unacceptable": ["unexceptable", "on acceptable"], "supervisor": ["super visor"], "manager": ["manger", "manage"],
    "frustrated": ["frustrating"], "appreciate": ["appreciated", "a preciate"], "thanks": ["thank", "banks"],
    "passed": ["past"], "i'm": ["im", "i am", "on"], "it's": ["its", "it is"], "don't": ["dont", "do not"],
    "can't": ["cant", "cannot"], "won't": ["wont", "will not"], "that's": ["thats", "that is"], "you've": ["you have"],
    "i've": ["ive", "i have"], "worried": ["worry", "wearied"], "anxious": ["anxiety"], "router": ["rooter", "writer"],
    "broadband": ["broad band"], "payment": ["payments", "pay meant"], "hold": ["old", "hole"], "died": ["dyed", "dide"],
    "funeral": ["funereal"], "confused": ["confuse"], "understand": ["under stand"], "help": ["health", "helped"],
    "helpful": ["help full"], "brilliant": ["brilliants"], "husband": ["has band"], "mum": ["mom", "mam"],
    "the": ["a", "that"], "a": ["the", "uh"], "and": ["an", "in"], "is": ["his", "as"], "was": ["is", "were"],
    "been": ["being", "bean"], "again": ["a gain"], "sorted": ["sort it", "started"], "fixed": ["fix", "fixes"],
}
NEGATIONS = {"not", "no", "never", "nobody", "nothing", "don't", "dont", "can't", "cant", "won't", "wont", "isn't",
             "isnt", "wasn't", "wasnt", "didn't", "didnt", "haven't", "havent", "doesn't", "doesnt", "without",
             "aren't", "couldn't", "shouldn't", "nowhere", "none", "neither", "nor", "still", "again"}


def fill(template: str, rng: random.Random) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(SLOTS[m.group(1)]), template)


def asr_noise(text: str, rng: random.Random, strength: float = 1.0) -> str:
    """Makes a clean sentence look like a recogniser's final: lower case, no punctuation, fillers, confusions."""
    t = text.lower().replace("\u2019", "'")
    t = re.sub(r"[^\w\s'$£€]", " ", t)
    out = []
    for w in t.split():
        if w not in NEGATIONS and rng.random() < 0.04 * strength:
            continue  # deletion
        if w in ASR_SUBS and rng.random() < 0.18 * strength:
            w = rng.choice(ASR_SUBS[w])
        if rng.random() < 0.12 * strength:
            out.append(rng.choice(FILLERS))
        if rng.random() < 0.03 * strength:
            out.append(w)  # stutter
        out.append(w)
    if rng.random() < 0.3:
        out.insert(0, rng.choice(FILLERS))
    if rng.random() < 0.5:
        out = [w.replace("'", "") for w in out]
    return " ".join(out)


def restyle(text: str, rng: random.Random) -> str:
    """Clean variants: as written, lower case, or with a trailing mark."""
    r = rng.random()
    if r < 0.3:
        return text[0].upper() + text[1:] + rng.choice([".", "!", "?", "", "..."])
    if r < 0.45:
        return text.lower()
    return text


def record(text, key, source, weight=1.0):
    emo, sent, val = KEYS[key]
    return {"text": text, "sentiment": sent, "emotion": emo, "valence": val, "source": source, "weight": weight}


def norm_key(text: str) -> str:
    return " ".join(w for w in words(text) if w not in {"um", "uh", "er", "erm"})


def build_project(rng: random.Random, per_template: int, blocked: set) -> list:
    out = []
    for key, templates in T.items():
        for tpl in templates:
            n = per_template if "{" in tpl else max(4, per_template // 2)
            for _ in range(n):
                s = fill(tpl, rng)
                if rng.random() < 0.12:
                    s = fill(rng.choice(NEUTRAL_PREFIX), rng) + " " + s
                s = asr_noise(s, rng, rng.uniform(0.5, 1.5)) if rng.random() < 0.55 else restyle(s, rng)
                out.append(record(s, key, "project-template"))
    for key, s in WHOLE:
        for _ in range(max(4, per_template // 2)):
            v = asr_noise(s, rng, rng.uniform(0.5, 1.5)) if rng.random() < 0.55 else restyle(s, rng)
            out.append(record(v, key, "project-whole"))
    # Two-clause turns: a negative clause after a neutral one keeps the negative label (the customer's mood wins).
    neutral = [t for t in T["NEU"] if "{agentname}" not in t]
    for key in ["ANG", "FRU", "SAD", "ANX", "CON", "GRA"]:
        for _ in range(per_template * 6):
            s = fill(rng.choice(neutral), rng) + ", " + fill(rng.choice(T[key]), rng)
            out.append(record(asr_noise(s, rng) if rng.random() < 0.5 else s, key, "project-combined"))
    # Politeness that masks anger or frustration: the wrapper does not soften the label.
    for key in ["ANG", "FRU"]:
        pool = T[key] + [s for k, s in WHOLE if k == key]
        for _ in range(per_template * 5):
            s = rng.choice(POLITE_WRAPPERS).format(fill(rng.choice(pool), rng))
            out.append(record(asr_noise(s, rng) if rng.random() < 0.5 else s, key, "project-polite"))
    # Fillers-only and empty turns are neutral.
    for _ in range(60):
        s = " ".join(rng.choice(FILLERS) for _ in range(rng.randint(0, 3)))
        out.append(record(s, "NEU", "project-fillers"))
    return [r for r in out if norm_key(r["text"]) not in blocked]


GO_MAP = {"gratitude_joy": "gratitude"}


def build_goemotions(root: str, rng: random.Random, cap: int, weight: float) -> list:
    path = os.path.join(root, "goemotions", "train.jsonl.gz")
    if not os.path.exists(path):
        print("goemotions not found, skipped:", path)
        return []
    by = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            e7, s3 = r.get("emotion7") or [], r.get("sentiment3")
            if len(e7) != 1 or s3 is None:
                continue
            emo = GO_MAP.get(e7[0], e7[0])
            if emo not in EMOTIONS:
                continue
            val = {"negative": -0.6, "neutral": 0.0, "positive": 0.6}[s3]
            by.setdefault(emo, []).append({"text": r["text"], "sentiment": s3, "emotion": emo, "valence": val,
                                           "source": "goemotions", "weight": weight})
    out = []
    for emo, rows in sorted(by.items()):
        rng.shuffle(rows)
        out += rows[:cap]
    return out


def build_emobank(root: str, rng: random.Random, neutral_cap: int, weight: float) -> list:
    path = os.path.join(root, "emobank", "train.jsonl")
    if not os.path.exists(path):
        print("emobank not found, skipped:", path)
        return []
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    rng.shuffle(rows)
    out, neutral = [], 0
    for r in rows:
        s3 = r.get("sentiment3")
        if s3 is None or len(r["text"]) < 8:
            continue
        if s3 == "neutral":
            neutral += 1
            if neutral > neutral_cap:
                continue
        out.append({"text": r["text"], "sentiment": s3, "emotion": None, "valence": max(-1.0, min(1.0, (r["V"] - 3) / 2)),
                    "source": "emobank", "weight": weight})
    return out


def build_heldout(rng: random.Random) -> list:
    out = []
    for key, utts in HELDOUT.items():
        for s in utts:
            noisy = rng.random() < 0.4
            r = record(asr_noise(s, rng, 0.8) if noisy else s, key, "heldout-noisy" if noisy else "heldout-clean")
            del r["weight"]
            out.append(r)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.normpath(os.path.join(HERE, "../../../../shared/textdata")))
    ap.add_argument("--per-template", type=int, default=14)
    ap.add_argument("--go-cap", type=int, default=2500)
    ap.add_argument("--go-weight", type=float, default=0.4)
    ap.add_argument("--emobank-weight", type=float, default=0.3)
    args = ap.parse_args()

    heldout = build_heldout(random.Random(20261203))
    blocked = {norm_key(s) for utts in HELDOUT.values() for s in utts} | {norm_key(r["text"]) for r in heldout}
    with open(os.path.join(HERE, "heldout.jsonl"), "w", encoding="utf-8") as f:
        for r in heldout:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    rng = random.Random(7)
    project = build_project(rng, args.per_template, blocked)
    external = build_goemotions(args.shared, rng, args.go_cap, args.go_weight) + \
        build_emobank(args.shared, rng, 1500, args.emobank_weight)
    external = [r for r in external if norm_key(r["text"]) not in blocked]
    # dev = a slice of the project's own data (model selection only; the held-out set is never used for that)
    rng.shuffle(project)
    n_dev = len(project) // 20
    dev, train = project[:n_dev], project[n_dev:] + external
    rng.shuffle(train)
    os.makedirs(os.path.join(HERE, "work"), exist_ok=True)
    for name, rows in (("train", train), ("dev", dev)):
        with open(os.path.join(HERE, "work", name + ".jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    stats = {"heldout": len(heldout), "train": len(train), "dev": len(dev), "by_source": {}, "train_emotion": {},
             "train_sentiment": {}, "heldout_emotion": {}, "heldout_sentiment": {}}
    for r in train:
        stats["by_source"][r["source"]] = stats["by_source"].get(r["source"], 0) + 1
        stats["train_emotion"][str(r["emotion"])] = stats["train_emotion"].get(str(r["emotion"]), 0) + 1
        stats["train_sentiment"][r["sentiment"]] = stats["train_sentiment"].get(r["sentiment"], 0) + 1
    for r in heldout:
        stats["heldout_emotion"][r["emotion"]] = stats["heldout_emotion"].get(r["emotion"], 0) + 1
        stats["heldout_sentiment"][r["sentiment"]] = stats["heldout_sentiment"].get(r["sentiment"], 0) + 1
    with open(os.path.join(HERE, "work", "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)
    print(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
