"""Builds the sentence lists for speech synthesis: contact-centre dialogue (written here from templates)
plus general English from ../shared/textdata. Deterministic (fixed seed).

Writes work/sentences.jsonl with {id, text, split} where split is train / dev / test. Test sentences are
never synthesised for training and are rendered only by held-out voices (see synth.py).
"""
import gzip
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from textnorm import normalise, number_words, ordinal_words  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTDATA = os.path.join(HERE, "../../../../shared/textdata")

NAMES = ["sarah", "john", "priya", "michael", "emma", "david", "aisha", "james", "olivia", "mohammed", "laura",
         "peter", "grace", "daniel", "chloe", "robert", "fatima", "thomas", "hannah", "william", "lucy", "kevin",
         "maria", "stephen", "rachel", "george", "sophie", "ahmed", "helen", "mark"]
SURNAMES = ["smith", "jones", "patel", "williams", "brown", "taylor", "khan", "wilson", "evans", "thompson",
            "johnson", "walker", "wright", "robinson", "green", "hall", "wood", "clarke", "hughes", "edwards"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PRODUCTS = ["broadband", "mobile contract", "credit card", "current account", "savings account", "energy tariff",
            "phone line", "insurance policy", "subscription", "internet package", "tv package", "loan",
            "mortgage", "gas and electricity account", "premium plan", "data plan"]
CHARGES = ["late payment fee", "roaming charge", "overdraft fee", "cancellation fee", "admin charge",
           "direct debit", "monthly charge", "installation fee", "interest charge", "duplicate payment"]


def money(rng):
    pounds = rng.choice([5, 9, 12, 15, 19, 20, 25, 30, 34, 40, 45, 49, 50, 60, 75, 80, 99, 100, 120, 150, 200,
                         250, 300, 450, 500, 1200])
    unit = rng.choice(["pounds", "dollars", "euros"])
    if rng.random() < 0.4:
        return f"{number_words(pounds)} {unit} {number_words(rng.randint(1, 99))}"
    return f"{number_words(pounds)} {unit}"


def date(rng):
    d = rng.randint(1, 28)
    m = rng.choice(MONTHS)
    return rng.choice([f"the {ordinal_words(d)} of {m}", f"{m} the {ordinal_words(d)}", f"{rng.choice(DAYS)}",
                       f"last {rng.choice(DAYS)}", f"next {rng.choice(DAYS)}", f"{ordinal_words(d)} {m}"])


def digits(rng, n):
    words = [number_words(rng.randint(0, 9)) for _ in range(n)]
    return " ".join("oh" if w == "zero" and rng.random() < 0.4 else w for w in words)


TEMPLATES = [
    # greetings and identification
    "thank you for calling {company} my name is {name} how can i help you today",
    "good morning you're through to {company} customer services {name} speaking",
    "hi there i'm calling about my {product}",
    "can i take your full name please",
    "my name is {name} {surname}",
    "could you confirm the first line of your address and your postcode",
    "can you confirm your date of birth for me please",
    "it's {date} nineteen eighty {d1}",
    "my account number is {digits8}",
    "the reference number is {digits6}",
    "my phone number is oh seven {digits9}",
    "can i just take the last four digits of the card please",
    "the last four digits are {digits4}",
    "for security can you tell me the {ordinal} and {ordinal2} characters of your password",
    # billing
    "i've been charged {money} and i don't know what it's for",
    "why is my bill so high this month",
    "there's a {charge} on my statement that i didn't expect",
    "i was charged twice for the same thing on {date}",
    "my last bill was {money} but this one is {money2}",
    "can you explain the {charge} on my account",
    "i can see a payment of {money} went out on {date}",
    "your bill is due on {date}",
    "the balance on the account is {money}",
    "i'd like to set up a direct debit for the {product}",
    "can i change the date my payment comes out to the {ordinal_day}",
    "i can't afford to pay the full amount this month",
    "could we set up a payment plan of {money} a month",
    # refunds
    "i want a refund for the {charge}",
    "i've been waiting {n_small} weeks for my refund",
    "when will the refund of {money} reach my account",
    "i've raised a refund request for you it should arrive within {n_small} working days",
    "i'm going to credit {money} back to your account today",
    "the refund was processed on {date}",
    "i was promised a refund and it never arrived",
    # cancellations
    "i want to cancel my {product}",
    "i'd like to close my account please",
    "if you cancel now there will be a {charge} of {money}",
    "before you go can i offer you a discount of {money} a month",
    "i've been a customer for {n_small} years and this is how you treat me",
    "please just cancel it i've made up my mind",
    "your contract ends on {date}",
    "can you tell me why you'd like to leave",
    "i found a cheaper deal with another provider",
    # outages
    "my internet has been down since {date}",
    "there's no signal on my phone at all",
    "we're aware of an outage in your area and engineers are working on it",
    "the power went off this morning and it still isn't back",
    "have you tried turning the router off and on again",
    "can you see the lights on the front of the router",
    "i can book an engineer visit for {date} between eight and one",
    "this is the {ordinal} time i've called about this",
    "the service should be restored by {time}",
    "i work from home and i can't do my job without the internet",
    # card payments
    "i'd like to make a payment of {money} by card",
    "my card was declined and i don't know why",
    "i think someone has used my card without permission",
    "i don't recognise this transaction",
    "i'll cancel the card and send you a new one",
    "your new card should arrive in {n_small} to {n_small2} working days",
    "the expiry date is {month_num} {year_short}",
    "can you read me the long number on the front of the card",
    "i've lost my card can you block it please",
    "the payment has gone through thank you",
    # supervisor and complaints
    "i want to speak to a supervisor",
    "can i speak to your manager please",
    "this is ridiculous i've been on hold for {n_small} minutes",
    "i'd like to make a formal complaint",
    "i understand your frustration and i'm going to sort this out for you",
    "let me transfer you to my team leader",
    "i'm really sorry about the trouble you've had",
    "nobody ever calls me back",
    "i've explained this three times already",
    "i'm going to escalate this to our complaints team",
    # bereavement
    "i'm calling because my husband passed away last month",
    "my mother died on {date} and i need to close her account",
    "i'm so sorry for your loss",
    "please accept my condolences",
    "we'll need a copy of the death certificate",
    "i'm the executor of my father's estate",
    "take all the time you need",
    "i'll put a note on the account so you won't be asked again",
    # moving house
    "i'm moving house on {date}",
    "i need to update my address",
    "we're moving to a new flat next month",
    "can i take my {product} with me when i move",
    "what's the postcode of the new property",
    "i'll arrange for the service to start at your new address on {date}",
    "my new address is {n_house} {street} road",
    # thanks and closing
    "thank you so much you've been really helpful",
    "that's brilliant thanks for your help",
    "is there anything else i can help you with today",
    "no that's everything thank you",
    "you're welcome have a lovely day",
    "thanks for your patience",
    "sorry could you repeat that please",
    "i didn't quite catch that",
    "let me just check that for you",
    "bear with me one moment while i look into this",
    "i'm just going to put you on hold for a moment",
    "okay so just to confirm you want to {action}",
    "yes that's right",
    "no that's not what i said",
    "hello are you still there",
    "can you hear me okay",
    "i'll send you a text message to confirm",
    "you'll receive an email within {n_small} hours",
    "the call may be recorded for training and quality purposes",
    "your order number is {digits6}",
    "it was delivered on {date} but the box was empty",
    "the parcel never arrived",
    "the engineer didn't turn up on {date}",
    "my {product} stopped working {date}",
    "i'm calling on behalf of my elderly mother",
    "i've just had a baby and i'd like to change my plan",
    "i've lost my job and i'm struggling to pay",
    "we're getting married in {month} and need to change the name on the account",
    "it costs {money} per month for {n_small} months",
    "the interest rate is {n_small} point {d1} percent",
    "call us back on oh three hundred {digits6}",
    "at {time} on {date}",
    "that will be {money} in total",
]
COMPANIES = ["northwind energy", "bluebird telecom", "acme bank", "city broadband", "harbour insurance",
             "swift mobile", "greenfield water", "summit finance"]
ACTIONS = ["cancel the contract", "change your tariff", "update your address", "close the account",
           "make a payment today", "book an engineer", "order a replacement card"]
STREETS = ["station", "church", "park", "victoria", "green", "manor", "high", "mill", "london", "queens"]


def time_words(rng):
    h = rng.randint(1, 12)
    return rng.choice([f"{number_words(h)} o'clock", f"half past {number_words(h)}",
                       f"quarter to {number_words(h)}", f"{number_words(h)} thirty",
                       f"{number_words(h)} {number_words(rng.choice([15, 20, 45]))}", "midday"])


def fill(template, rng):
    slots = {
        "company": rng.choice(COMPANIES), "name": rng.choice(NAMES), "surname": rng.choice(SURNAMES),
        "product": rng.choice(PRODUCTS), "charge": rng.choice(CHARGES), "money": money(rng),
        "money2": money(rng), "date": date(rng), "d1": number_words(rng.randint(0, 9)),
        "digits4": digits(rng, 4), "digits6": digits(rng, 6), "digits8": digits(rng, 8),
        "digits9": digits(rng, 9), "ordinal": ordinal_words(rng.randint(1, 8)),
        "ordinal2": ordinal_words(rng.randint(1, 8)), "ordinal_day": ordinal_words(rng.randint(1, 28)),
        "n_small": number_words(rng.randint(2, 12)), "n_small2": number_words(rng.randint(3, 14)),
        "time": time_words(rng), "month": rng.choice(MONTHS), "month_num": number_words(rng.randint(1, 12)),
        "year_short": number_words(rng.randint(24, 31)), "n_house": number_words(rng.randint(1, 180)),
        "street": rng.choice(STREETS), "action": rng.choice(ACTIONS),
    }
    return template.format(**slots)


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def general_sentences(rng, count):
    pool = []
    for name in ("clinc150/train.jsonl", "banking77/train.jsonl", "dstc11_intents/train.jsonl",
                 "nlupp/train.jsonl"):
        pool += [r["text"] for r in read_jsonl(os.path.join(TEXTDATA, name))]
    with gzip.open(os.path.join(TEXTDATA, "sgd/lm_utterances_train.txt.gz"), "rt", encoding="utf-8") as f:
        sgd = [line.split("\t", 1)[-1] for line in f]
    rng.shuffle(sgd)
    pool += sgd[:40000]
    rng.shuffle(pool)
    out, seen = [], set()
    for raw in pool:
        t = normalise(raw)
        n = len(t.split())
        if 3 <= n <= 22 and t not in seen:
            seen.add(t)
            out.append(t)
        if len(out) >= count:
            break
    return out


SEED = 20261203


def split_templates(rng):
    """Shuffled templates, then the whole templates held out for test and for dev (synth_extra.py repeats this
    split with a fresh Random(SEED) to know which templates it may fill)."""
    templates = TEMPLATES[:]
    rng.shuffle(templates)
    n_test_t = len(templates) // 10
    return templates, set(templates[:n_test_t]), set(templates[n_test_t:n_test_t + 6])


def main():
    rng = random.Random(SEED)
    out_dir = os.path.join(HERE, "work")
    os.makedirs(out_dir, exist_ok=True)
    cc, seen = [], set()
    # Template order decides the split: whole templates are held out for test so that unseen sentences
    # are unseen in wording, not only in slot values.
    templates, test_templates, dev_templates = split_templates(rng)
    for t in templates:
        reps = 4 if t in test_templates or t in dev_templates else 22
        for _ in range(reps):
            s = normalise(fill(t, rng))
            if s not in seen:
                seen.add(s)
                split = "test" if t in test_templates else "dev" if t in dev_templates else "train"
                cc.append((s, split, "cc"))
    general = general_sentences(rng, 4200)
    rows = cc[:]
    for i, s in enumerate(general):
        split = "test" if i % 20 == 0 else "dev" if i % 20 == 1 else "train"
        if s not in seen:
            seen.add(s)
            rows.append((s, split, "general"))
    with open(os.path.join(out_dir, "sentences.jsonl"), "w") as f:
        for i, (s, split, kind) in enumerate(rows):
            f.write(json.dumps({"id": f"s{i:05d}", "text": s, "split": split, "kind": kind}) + "\n")
    counts = {}
    for _, split, kind in rows:
        counts[(split, kind)] = counts.get((split, kind), 0) + 1
    print("sentences:", {f"{a}/{b}": c for (a, b), c in sorted(counts.items())})


if __name__ == "__main__":
    main()
