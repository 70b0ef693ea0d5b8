"""Writes tokenizer_cases.json: tricky strings and the ids featurize.py gives them. The TypeScript tokenizer test
(src/analysis/classifier/tokenizer.test.ts) must reproduce every id exactly."""
import json
import os

from featurize import TOKENIZER, encode, words

CASES = [
    "", " ", "...", "?!", "um", "I don't think so", "I don\u2019t think so", "DON'T YELL", "rock 'n' roll",
    "it's 3:45pm on the 21st", "call 0800 123 4567", "\u00a3120.50 or $99", "caf\u00e9 na\u00efve r\u00e9sum\u00e9",
    "cafe\u0301 (decomposed e + combining acute)", "\ufb01ne \u2460 \u00bd \u00b2",  # ligature, circled one, half, superscript
    "\u0130stanbul \u0131", "\u039f\u0394\u039f\u03a3 \u03bf\u03b4\u03bf\u03c3", "stra\u00dfe", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
    "emoji \U0001F621\U0001F44D ok", "tab\tnew\nline", "hyphen-ated words_with_underscores", "[CARD] redacted",
    "\u0661\u0662\u0663 arabic digits", "a" * 40, " ".join(["word"] * 80), "thanks!!! so much :)",
    "ma\u00f1ana \u00bfqu\u00e9?", "\u2018quoted\u2019 \u201cdouble\u201d", "x" + "\u0308" * 3,
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = {"tokenizer": TOKENIZER, "cases": [{"text": t, "words": words(t), "ids": encode(t)} for t in CASES]}
    with open(os.path.join(here, "tokenizer_cases.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True)
    print(len(CASES), "cases")


if __name__ == "__main__":
    main()
