#!/usr/bin/env python3
"""Builds the contact-centre trigram LM (ARPA, then binary through sphinx_lm_convert) and the extra dictionary.

Text: the project's contact-centre lines (contact-centre.txt, slots expanded, weighted up), SGD dialogue
utterances and the intent sets' customer sentences from ../shared/textdata. Interpolated Kneser-Ney with
absolute discount D, count cut-offs for pruning, backoff weights recomputed after pruning so every context
still sums to one. Words missing from cmudict get espeak-ng pronunciations mapped to CMU phones (extra.dict).

Usage: python3 models/train/lm/build_lm.py [--out models/pocketsphinx]
"""
import argparse, collections, gzip, json, math, os, random, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '../../..'))
TEXTDATA = os.path.abspath(os.path.join(ROOT, '../shared/textdata'))
CMUDICT = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict'
sys.path.insert(0, HERE)
from lexicon import pronounce_oov  # noqa: E402

ONES = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split()
TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']


def num_words(n):
    if n < 20: return ONES[n]
    if n < 100: return TENS[n // 10] + (' ' + ONES[n % 10] if n % 10 else '')
    if n < 1000: return ONES[n // 100] + ' hundred' + (' ' + num_words(n % 100) if n % 100 else '')
    for size, name in ((10**6, 'million'), (1000, 'thousand')):
        if n >= size: return num_words(n // size) + ' ' + name + (' ' + num_words(n % size) if n % size else '')
    return str(n)


def normalise(text):
    t = text.lower().replace('%', ' percent ').replace('&', ' and ').replace('$', ' dollars ').replace('£', ' pounds ')
    t = re.sub(r'(\d),(\d{3})', r'\1\2', t)
    t = re.sub(r'\d+', lambda m: ' ' + (' '.join(ONES[int(c)] for c in m.group()) if len(m.group()) > 6 else num_words(int(m.group()))) + ' ', t)
    t = re.sub(r"[^a-z' ]+", ' ', t)
    return [w.strip("'") for w in t.split() if w.strip("'")]


SLOTS = {
    'agent': 'sarah james priya tom emma david'.split(),
    'ordinal': 'first second third fourth fifth tenth twelfth fifteenth twentieth twenty first thirtieth'.split(),
    'month': 'january february march april may june july august september october november december'.split(),
    'tens': ['seventy two', 'eighty five', 'sixty', 'ninety one', 'fifty eight'],
    'weekday': 'monday tuesday wednesday thursday friday saturday'.split(),
    'postcode': ['s w one a two b', 'm one four d x', 'b s eight one t h'],
}


def expand(line, rnd):
    def slot(m):
        name = m.group(1)
        if name == 'digits': return ' '.join(rnd.choice(ONES[:10] + ['oh', 'double']) for _ in range(4))
        if name == 'amount': return num_words(rnd.choice([5, 12, 15, 20, 25, 30, 40, 45, 50, 60, 75, 99, 100, 120, 150, 200, 250, 300, 1200]))
        if name == 'cents': return num_words(rnd.randint(1, 99))
        return rnd.choice(SLOTS[name])
    return re.sub(r'\{(\w+)\}', slot, line)


def read_sources(rnd, weight):
    """Yields (words, count) per sentence."""
    own = [l.strip() for l in open(os.path.join(HERE, 'contact-centre.txt')) if l.strip() and not l.startswith('#')]
    for line in own:
        variants = 8 if '{' in line else 1
        for _ in range(variants):
            yield normalise(expand(line, rnd)), max(1, weight // variants)
    with gzip.open(os.path.join(TEXTDATA, 'sgd/lm_utterances_train.txt.gz'), 'rt') as f:
        for line in f:
            yield normalise(line.split('\t', 1)[-1]), 1
    for name in ('banking77', 'nlupp', 'dstc11_intents', 'clinc150'):
        path = os.path.join(TEXTDATA, name, 'train.jsonl')
        if not os.path.exists(path): continue
        for line in open(path):
            yield normalise(json.loads(line)['text']), 2


def load_cmudict():
    words = set()
    for line in open(CMUDICT, encoding='utf8', errors='replace'):
        w = line.split(' ', 1)[0]
        words.add(re.sub(r'\(\d+\)$', '', w))
    return words


def kneser_ney(sentences, vocab, D=0.75, cut2=1, cut3=2):
    c3 = collections.Counter()
    for words, n in sentences:
        toks = ['<s>'] + words + ['</s>']
        for i in range(2, len(toks)):
            g = tuple(toks[i - 2:i + 1])
            if all(t in vocab for t in g): c3[g] += n
        if len(toks) >= 2 and toks[0] in vocab and toks[1] in vocab: c3[('<pad>',) + tuple(toks[:2])] += n
    # highest order: counts; lower orders: continuation counts (distinct left contexts)
    c2_cont, c2 = collections.Counter(), collections.Counter()
    for (u, v, w), n in c3.items():
        c2[(v, w)] += n
        c2_cont[(v, w)] += 1
    c1_cont = collections.Counter()
    for (v, w) in c2_cont: c1_cont[w] += 1
    total1 = sum(c1_cont.values())
    p1 = {w: c1_cont[w] / total1 for w in c1_cont}
    for w in vocab:
        if w not in p1 and w != '<s>': p1[w] = 0.5 / total1
    z = sum(p1.values()); p1 = {w: p / z for w, p in p1.items()}
    # bigram: interpolated KN over continuation counts
    ctx2 = collections.defaultdict(lambda: [0, 0])
    for (v, w), n in c2_cont.items(): ctx2[v][0] += n; ctx2[v][1] += 1
    p2 = {}
    for (v, w), n in c2_cont.items():
        tot, types = ctx2[v]
        p2[(v, w)] = (max(n - D, 0) / tot) + (D * types / tot) * p1[w]
    # trigram: counts, with the '<pad>' pseudo-context dropped (it only fed the <s> bigrams)
    ctx3 = collections.defaultdict(lambda: [0, 0])
    for (u, v, w), n in c3.items():
        if u != '<pad>': ctx3[(u, v)][0] += n; ctx3[(u, v)][1] += 1
    p3 = {}
    for (u, v, w), n in c3.items():
        if u == '<pad>' or n < cut3: continue
        tot, types = ctx3[(u, v)]
        p3[(u, v, w)] = (max(n - D, 0) / tot) + (D * types / tot) * p2.get((v, w), 0) + 0  # lower bigram may be pruned below
    p2 = {k: p for k, p in p2.items() if c2[k] > cut2 or k[0] == '<s>'}
    # lower-order probability for a trigram whose bigram was pruned: fall back through the unigram
    return p1, p2, p3


def backoffs(p_hi, p_lo_fn, ctx_len):
    by_ctx = collections.defaultdict(list)
    for g, p in p_hi.items(): by_ctx[g[:ctx_len]].append((g, p))
    bow = {}
    for ctx, items in by_ctx.items():
        num = 1 - sum(p for _, p in items)
        den = 1 - sum(p_lo_fn(g[1:]) for g, _ in items)
        bow[ctx] = max(num, 1e-9) / max(den, 1e-9)
    return bow


def write_arpa(path, p1, p2, p3):
    def lo2(g):  # P(w | v) through the backoff of the pruned model
        return p2[g] if g in p2 else bow1.get(g[:1], 1.0) * p1[g[1]]
    bow1 = backoffs(p2, lambda g: p1[g[0]], 1)
    # trigram probabilities must not fall below what the backoff path gives, or mass goes negative
    p3 = {g: p for g, p in p3.items() if p > 0}
    bow2 = backoffs(p3, lo2, 2)
    lg = lambda x: math.log10(x)
    with open(path, 'w') as f:
        f.write('\\data\\\n')
        f.write(f'ngram 1={len(p1) + 1}\nngram 2={len(p2)}\nngram 3={len(p3)}\n\n\\1-grams:\n')
        f.write(f'-99\t<s>\t{lg(bow1.get(("<s>",), 1.0)):.4f}\n')
        for w in sorted(p1):
            f.write(f'{lg(p1[w]):.4f}\t{w}\t{lg(bow1.get((w,), 1.0)):.4f}\n')
        f.write('\n\\2-grams:\n')
        for g in sorted(p2):
            f.write(f'{lg(p2[g]):.4f}\t{" ".join(g)}\t{lg(bow2.get(g, 1.0)):.4f}\n')
        f.write('\n\\3-grams:\n')
        for g in sorted(p3):
            f.write(f'{lg(p3[g]):.4f}\t{" ".join(g)}\n')
        f.write('\n\\end\\\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(ROOT, 'models/pocketsphinx'))
    ap.add_argument('--weight', type=int, default=30, help='count given to each own contact-centre line')
    ap.add_argument('--oov-min', type=int, default=3, help='occurrences before an OOV word gets a pronunciation')
    args = ap.parse_args()
    rnd = random.Random(7)
    cmu = load_cmudict()
    sentences = [(w, n) for w, n in read_sources(rnd, args.weight) if w]
    counts = collections.Counter()
    for words, n in sentences:
        for w in words: counts[w] += n
    oov = sorted(w for w, n in counts.items() if w not in cmu and n >= args.oov_min and re.fullmatch(r"[a-z][a-z']*", w))
    extra = pronounce_oov(oov)
    vocab = {w for w in counts if w in cmu or w in extra} | {'<s>', '</s>'}
    print(f'{len(sentences)} sentences, {sum(counts.values())} words, vocab {len(vocab)}, {len(extra)} OOV words pronounced', file=sys.stderr)
    p1, p2, p3 = kneser_ney(sentences, vocab)
    work = os.path.join(HERE, 'work'); os.makedirs(work, exist_ok=True)
    arpa = os.path.join(work, 'contact-centre.arpa')
    write_arpa(arpa, p1, p2, p3)
    print(f'ARPA: {len(p1)} unigrams, {len(p2)} bigrams, {len(p3)} trigrams', file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    subprocess.run(['sphinx_lm_convert', '-i', arpa, '-o', os.path.join(args.out, 'contact-centre.lm.bin')], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(args.out, 'extra.dict'), 'w') as f:
        for w in sorted(extra): f.write(f'{w} {extra[w]}\n')


if __name__ == '__main__':
    main()
