"""Hashed word + bigram + char n-gram featurizer (the Python half; src/analysis/classifier/tokenizer.ts is the
TypeScript half and must give the same ids: see tokenizer_cases.json and tokenizer.test.ts).

Why hashing: no vocabulary file to keep in sync, and char n-grams make the model robust to ASR misspellings
("cancelation", "refnd") and unseen words. Spec (all parameters are written to tokenizer.json):
  1. NFKC, lower case, delete apostrophes (' ’ ‘ ʼ `) so "don't" == "dont" (ASR writes both).
  2. words = maximal runs of Unicode letters/numbers (general category L* or N*); every decimal digit -> '0'.
  3. at most max_tokens words (the first ones); no words -> the single word "<empty>".
  4. per word: "w|word", "b|prev|word" (prev "<s>" for the first), then "c|g" for char n-grams of "<word>"
     (n in ngram_sizes, in that order, code points), truncated to max_feats_per_token features.
  5. id = 1 + fnv1a32(utf8(feature)) % (buckets - 1); 0 is padding.
"""
import json
import unicodedata

TOKENIZER = {
    "kind": "hashed-ngrams-v1",
    "buckets": 65536,
    "max_tokens": 64,
    "max_feats_per_token": 24,
    "ngram_sizes": [3, 4],
}
APOSTROPHES = "'\u2019\u2018\u02bc`"


def fnv1a32(s: str) -> int:
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def words(text: str, cfg=TOKENIZER) -> list:
    t = unicodedata.normalize("NFKC", text).lower()
    for a in APOSTROPHES:
        t = t.replace(a, "")
    out, cur = [], []
    for ch in t:
        cat = unicodedata.category(ch)
        if cat[0] in "LN":
            cur.append("0" if cat == "Nd" else ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    out = out[: cfg["max_tokens"]]
    return out if out else ["<empty>"]


def features(text: str, cfg=TOKENIZER) -> list:
    ws = words(text, cfg)
    rows, prev = [], "<s>"
    for w in ws:
        feats = ["w|" + w, "b|" + prev + "|" + w]
        marked = "<" + w + ">"
        for n in cfg["ngram_sizes"]:
            for i in range(0, len(marked) - n + 1):
                feats.append("c|" + marked[i : i + n])
        rows.append(feats[: cfg["max_feats_per_token"]])
        prev = w
    return rows


def encode(text: str, cfg=TOKENIZER) -> list:
    """Ids as a list of rows (one per word), each padded with 0 to max_feats_per_token."""
    b, k = cfg["buckets"], cfg["max_feats_per_token"]
    out = []
    for feats in features(text, cfg):
        ids = [1 + fnv1a32(f) % (b - 1) for f in feats]
        out.append(ids + [0] * (k - len(ids)))
    return out


if __name__ == "__main__":
    import sys
    print(json.dumps(encode(sys.argv[1] if len(sys.argv) > 1 else "")))
