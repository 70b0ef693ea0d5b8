"""Pronunciations for words missing from cmudict: espeak-ng's IPA (en-us voice) mapped to CMU phones.
Falls back to nothing (the word is then left out of the LM) when espeak-ng is not installed."""
import shutil, subprocess

# longest symbols first; stress and length marks are dropped by the caller
IPA_TO_CMU = [
    ('aɪə', 'AY ER'), ('aɪ', 'AY'), ('aʊ', 'AW'), ('eɪ', 'EY'), ('oʊ', 'OW'), ('ɔɪ', 'OY'), ('əʊ', 'OW'),
    ('ɪə', 'IH R'), ('eə', 'EH R'), ('ʊə', 'UH R'), ('ɑːɹ', 'AA R'), ('ɔːɹ', 'AO R'), ('ɜːɹ', 'ER'), ('ɚ', 'ER'),
    ('ɝ', 'ER'), ('ɜː', 'ER'), ('ɜ', 'ER'), ('tʃ', 'CH'), ('dʒ', 'JH'), ('iː', 'IY'), ('uː', 'UW'), ('ɑː', 'AA'),
    ('ɔː', 'AO'), ('ɐ', 'AH'), ('ə', 'AH'), ('ʌ', 'AH'), ('æ', 'AE'), ('ɛ', 'EH'), ('e', 'EH'), ('ɪ', 'IH'), ('i', 'IY'),
    ('ʊ', 'UH'), ('u', 'UW'), ('ɑ', 'AA'), ('ɒ', 'AA'), ('ɔ', 'AO'), ('o', 'OW'), ('a', 'AE'), ('ᵻ', 'IH'),
    ('θ', 'TH'), ('ð', 'DH'), ('ʃ', 'SH'), ('ʒ', 'ZH'), ('ŋ', 'NG'), ('ɹ', 'R'), ('r', 'R'), ('ɾ', 'T'), ('ʔ', 'T'),
    ('j', 'Y'), ('w', 'W'), ('h', 'HH'), ('p', 'P'), ('b', 'B'), ('t', 'T'), ('d', 'D'), ('k', 'K'), ('ɡ', 'G'),
    ('g', 'G'), ('f', 'F'), ('v', 'V'), ('s', 'S'), ('z', 'Z'), ('m', 'M'), ('n', 'N'), ('l', 'L'), ('ɫ', 'L'), ('x', 'K'),
]
DROP = set('ˈˌːˑ̩-_ \u0303\u032f')


def ipa_to_cmu(ipa):
    phones, i = [], 0
    s = ''.join(c for c in ipa if c not in 'ˈˌ')
    while i < len(s):
        if s[i] in DROP:
            i += 1
            continue
        for sym, cmu in IPA_TO_CMU:
            if s.startswith(sym, i):
                phones.extend(cmu.split())
                i += len(sym)
                break
        else:
            i += 1  # unknown symbol: skip it
    return ' '.join(phones)


def pronounce_oov(words):
    if not words or not shutil.which('espeak-ng'):
        return {}
    out = {}
    text = '\n'.join(w.replace("'", '') for w in words)
    r = subprocess.run(['espeak-ng', '-q', '--ipa', '-v', 'en-us', '--stdin'], input=text + '\n', capture_output=True, text=True)
    lines = [l.strip() for l in r.stdout.split('\n') if l.strip()]
    if len(lines) != len(words):  # espeak joins or splits some lines: fall back to one call per word
        lines = [subprocess.run(['espeak-ng', '-q', '--ipa', '-v', 'en-us', w.replace("'", '')], capture_output=True, text=True).stdout.strip() for w in words]
    for w, ipa in zip(words, lines):
        phones = ipa_to_cmu(ipa.replace(' ', ''))
        if phones:
            out[w] = phones
    return out
