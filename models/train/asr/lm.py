"""Word trigram LM for the beam search (models/asr-embedded/lm.json).

Text: the contact-centre and general training sentences (work/sentences.jsonl, train + dev splits) plus the
training portions of ../shared/textdata (SGD dialogue turns, BANKING77, CLINC150, DSTC11, NLU++), normalised
like the transcripts. Every held-out test sentence is removed from the text. Absolute discounting (D=0.7)
with back-off (trigram -> bigram -> unigram); words seen fewer than 2 times are out of vocabulary; bigrams and
trigrams seen fewer than 3 times are dropped. Log-probabilities are natural logs. The trigram context "<s> w"
covers the second word of a sentence.
`python3 lm.py out.json --without-dev` also leaves out the dev sentences (for tuning the beam weights on them).
Keys: unigram[w] = [log p, log backoff], bigram["a b"] = log p(b|a), bigramBackoff["a b"] = log backoff of the
context "a b", trigram["a b c"] = log p(c|a b).
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
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0] if args else os.path.join(HERE, "../../asr-embedded/lm.json")
    rows = [json.loads(l) for l in open(os.path.join(HERE, "work", "sentences.jsonl"))]
    # --without-dev: an LM for tuning the beam on the dev sentences, which must not have seen them
    held = ("test", "dev") if "--without-dev" in sys.argv else ("test",)
    test = {r["text"] for r in rows if r["split"] in held}
    text = [r["text"] for r in rows if r["split"] not in held] * 3  # the contact-centre wording counts more
    for name in ("clinc150/train.jsonl", "banking77/train.jsonl", "dstc11_intents/train.jsonl", "nlupp/train.jsonl"):
        text += [normalise(r["text"]) for r in read_jsonl(os.path.join(TEXTDATA, name))]
    with gzip.open(os.path.join(TEXTDATA, "sgd/lm_utterances_train.txt.gz"), "rt", encoding="utf-8") as f:
        text += [normalise(line.split("\t", 1)[-1]) for line in f]
    text = [t for t in text if t and t not in test]
    uni = collections.Counter()
    bi = collections.Counter()
    tri = collections.Counter()
    for t in text:
        w = ["<s>"] + t.split()
        uni.update(w[1:])
        bi.update(zip(w[:-1], w[1:]))
        tri.update(zip(w[:-2], w[1:-1], w[2:]))
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
    known = lambda w: w in vocab or w == "<s>"  # noqa: E731
    tctx_count = collections.Counter()
    tctx_types = collections.Counter()
    for (a, b, c), n in tri.items():
        if c in vocab:
            tctx_count[(a, b)] += n
            tctx_types[(a, b)] += 1
    trigram = {}
    for (a, b, c), n in tri.items():
        if n >= 3 and c in vocab and known(a) and known(b):
            trigram[f"{a} {b} {c}"] = round(math.log((n - d) / tctx_count[(a, b)]), 4)
    # back-off weight only for contexts that have trigrams (elsewhere the back-off costs nothing)
    contexts = {k.rsplit(" ", 1)[0] for k in trigram}
    bigram_backoff = {ab: round(math.log(d * tctx_types[tuple(ab.split(" "))] / tctx_count[tuple(ab.split(" "))]), 4)
                      for ab in contexts}
    lm = {"unigram": unigram, "bigram": bigram, "bigramBackoff": bigram_backoff, "trigram": trigram, "unkLogProb": round(math.log(max(oov_mass, 1) / (total + oov_mass)), 4),
          "source": "models/train/asr/lm.py", "sentences": len(text)}
    json.dump(lm, open(out, "w"), separators=(",", ":"))
    print(f"lm: {len(unigram)} words, {len(bigram)} bigrams, {len(trigram)} trigrams, {os.path.getsize(out) / 1e6:.2f} MB, {len(text)} sentences")


if __name__ == "__main__":
    main()
