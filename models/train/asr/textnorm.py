"""Text normalisation shared by data preparation, training and evaluation.

The recogniser's alphabet is a-z, apostrophe and space (plus the CTC blank), so every transcript is
lower-cased, digits are spelled out, and any other character becomes a space or is dropped.
"""
import re

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINAL_ONES = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                "nine": "ninth", "twelve": "twelfth"}


def number_words(n: int) -> str:
    """Cardinal number in words (0 .. 999,999,999)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + number_words(rest))
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            tail = "" if rest == 0 else (" and " if rest < 100 else " ") + number_words(rest)
            return number_words(n // size) + " " + name + tail
    raise ValueError(n)


def ordinal_words(n: int) -> str:
    words = number_words(n).split(" ")
    last = words[-1]
    if last in ORDINAL_ONES:
        words[-1] = ORDINAL_ONES[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def _digits_to_words(match: re.Match) -> str:
    token = match.group(0)
    if len(token) > 4 or token.startswith("0"):
        return " ".join(ONES[int(d)] for d in token)  # account / phone style: digit by digit
    return " " + number_words(int(token)) + " "


def normalise(text: str) -> str:
    """Maps free text to the recogniser's alphabet; returns '' if nothing usable is left."""
    t = text.lower().replace("\u2019", "'").replace("`", "'")
    t = re.sub(r"\[[^\]]*\]", " ", t)  # masks such as [NAME]
    t = t.replace("&", " and ").replace("%", " percent ").replace("@", " at ")
    t = re.sub(r"\$(\d+)\.(\d\d)\b", lambda m: f" {m.group(1)} dollars {m.group(2)} cents ", t)
    t = re.sub(r"\$(\d+)", lambda m: f" {m.group(1)} dollars ", t)
    t = re.sub(r"(\d+)(st|nd|rd|th)\b", lambda m: " " + ordinal_words(int(m.group(1))) + " ", t)
    t = re.sub(r"(\d),(\d\d\d)", r"\1\2", t)
    t = re.sub(r"\d+", _digits_to_words, t)
    t = t.replace("-", " ")
    t = re.sub(r"[^a-z' ]", " ", t)
    t = re.sub(r"(^| )'+|'+( |$)", " ", t)  # quotes, not apostrophes
    return re.sub(r"\s+", " ", t).strip()


ALPHABET = ["<blank>", " ", "'"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]
CHAR_TO_ID = {c: i for i, c in enumerate(ALPHABET)}


def encode(text: str) -> list:
    return [CHAR_TO_ID[c] for c in text if c in CHAR_TO_ID and c != "<blank>"]
