"""Word bigram LM for the beam search (models/asr-embedded/lm.json).

Text: the contact-centre and general training sentences (work/sentences.jsonl, train + dev splits) plus the
training portions of ../shared/textdata (SGD dialogue turns, BANKING77, CLINC150, DSTC11, NLU++), normalised
like the transcripts. Every held-out test sentence is removed from the text. Absolute discounting (D=0.7)
with back-off to unigrams; words seen fewer than 2 times are out of vocabulary; bigrams seen fewer than
3 times are dropped. Log-probabilities are natural logs.
"""
import collections
import gzip
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from sentences import TEXTDATA, read_jsonl  # noqa: E402
from textnorm import normalise  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../asr-embedded/lm.json")
    rows = [json.loads(l) for l in open(os.path.join(HERE, "work", "sentences.jsonl"))]
    test = {r["text"] for r in rows if r["split"] == "test"}
    text = [r["text"] for r in rows if r["split"] != "test"] * 3  # the contact-centre wording counts more
    for name in ("clinc150/train.jsonl", "banking77/train.jsonl", "dstc11_intents/train.jsonl", "nlupp/train.jsonl"):
        text += [normalise(r["text"]) for r in read_jsonl(os.path.join(TEXTDATA, name))]
    with gzip.open(os.path.join(TEXTDATA, "sgd/lm_utterances_train.txt.gz"), "rt", encoding="utf-8") as f:
        text += [normalise(line.split("\t", 1)[-1]) for line in f]
    text = [t for t in text if t and t not in test]
    uni = collections.Counter()
    bi = collections.Counter()
    for t in text:
        w = ["<s>"] + t.split()
        uni.update(w[1:])
        bi.update(zip(w[:-1], w[1:]))
    vocab = {w for w, c in uni.items() if c >= 2}
    total = sum(c for w, c in uni.items() if w in vocab)
    oov_mass = sum(c for w, c in uni.items() if w not in vocab)
    d = 0.7
    ctx_count = collections.Counter()
    ctx_types = collections.Counter()
    for (a, b), c in bi.items():
        if b in vocab:
            ctx_count[a] += c
            ctx_types[a] += 1
    unigram = {w: [math.log(uni[w] / (total + oov_mass)), 0.0] for w in vocab}
    unigram["<s>"] = [0.0, 0.0]
    bigram = {}
    for (a, b), c in bi.items():
        if c >= 3 and b in vocab and (a in vocab or a == "<s>"):
            bigram[f"{a} {b}"] = round(math.log((c - d) / ctx_count[a]), 4)
    for a in list(unigram):
        if ctx_count[a]:
            unigram[a][1] = math.log(d * ctx_types[a] / ctx_count[a])
    unigram = {w: [round(p, 4), round(b, 4)] for w, (p, b) in unigram.items()}
    lm = {"unigram": unigram, "bigram": bigram, "unkLogProb": round(math.log(max(oov_mass, 1) / (total + oov_mass)), 4),
          "source": "models/train/asr/lm.py", "sentences": len(text)}
    json.dump(lm, open(out, "w"), separators=(",", ":"))
    print(f"lm: {len(unigram)} words, {len(bigram)} bigrams, {os.path.getsize(out) / 1e6:.2f} MB, {len(text)} sentences")


if __name__ == "__main__":
    main()
