"""Second synthesis pass: more voices, for the gap between training voices and unseen ones.

The first pass (synth.py) used 12 espeak-ng variants, 3 flite and 2 festival voices; on those the model reached a
greedy WER ~0.44 against ~0.61 on held-out voices, so what it lacks is voices, not sentences. This pass renders
  - every train sentence once more, and
  - new sentences (new fills of the train templates, more general English from ../shared/textdata; none equal to
    any sentence of work/sentences.jsonl, so no test or dev sentence) twice,
with voices the first pass did not use: ~60 further espeak-ng variants (the devunseen voices Andy and linda, the
test voice f4, robots and whispers left out; the test accent en-us-nyc too), festival kal_diphone at random mean
pitch (the int_lr_params target), and flite/festival voices of the first pass at other pitches and speeds.
Held-out voices (synth.HELDOUT_VOICES) are never used.

Output: work/synth/wav/x*.wav and work/synth/manifest_extra.jsonl (split "train"). Resumable.
Festival renders are batched into one festival process per 40 sentences (its start-up costs ~1 s).
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(__file__))
import sentences as sent  # noqa: E402
import synth  # noqa: E402
from textnorm import normalise  # noqa: E402

WORK = synth.WORK
OUT = synth.OUT

EXTRA_ESPEAK_VARIANTS = [
    "Alex", "Alicia", "Andrea", "Annie", "Denis", "Diogo", "Gene", "Gene2", "Henrique", "Hugo", "Jacky", "Lee",
    "Marco", "Mario", "Michael", "Mike", "Mr serious", "Nguyen", "RicishayMax", "RicishayMax2", "RicishayMax3",
    "Storm", "adam", "anika", "announcer", "antonio", "aunty", "belinda", "benjamin", "boris", "caleb", "croak",
    "david", "ed", "edward", "edward2", "fast", "grandma", "grandpa", "gustave", "iven", "iven2", "iven3",
    "iven4", "john", "kaukovalta", "klatt2", "klatt3", "klatt4", "klatt5", "klatt6", "m8", "marcelo", "max",
    "michel", "miguel", "norbert", "pablo", "paul", "pedro", "quincy", "rob", "robert", "sandro", "shelby",
    "steph", "steph2", "steph3", "travis", "victor", "zac"]
# Never: held-out test voice en-us-nyc+f4, devunseen voices (Andy, AnxiousAndy, linda), robots, whispers.
ESPEAK_LANGS = synth.ESPEAK_TRAIN
EXTRA_VOICES = [("espeak", None), ("festival", "kal_diphone"), ("festival", "cmu_us_slt_arctic_hts"),
                ("flite", "kal16"), ("flite", "awb"), ("flite", "slt")]
EXTRA_WEIGHTS = [0.62, 0.14, 0.04, 0.07, 0.07, 0.06]
NEW_CC_PER_TEMPLATE = 8
NEW_GENERAL = 2600


def assert_not_heldout(engine, voice):
    assert (engine, voice) not in synth.HELDOUT_VOICES, (engine, voice)  # rms, ked_diphone
    assert not voice.startswith("en-us-nyc") and not voice.endswith(("+Andy", "+AnxiousAndy", "+linda", "+f4")), voice


def pick_voice(rng):
    engine, voice = EXTRA_VOICES[rng.choices(range(len(EXTRA_VOICES)), weights=EXTRA_WEIGHTS)[0]]
    if engine == "espeak":
        voice = rng.choice(ESPEAK_LANGS) + "+" + rng.choice(EXTRA_ESPEAK_VARIANTS)
        params = {"speed": rng.randint(130, 200), "pitch": rng.randint(20, 80)}
    elif engine == "festival":
        params = {"stretch": round(rng.uniform(0.85, 1.2), 2)}
        if voice == "kal_diphone":
            params["f0"] = rng.randint(70, 210)
    else:
        params = {"stretch": round(rng.uniform(0.85, 1.2), 2), "f0": rng.randint(80, 220)}
    assert_not_heldout(engine, voice)
    return engine, voice, params


def new_sentences(existing):
    """New fills of the train templates and more general sentences; none in `existing` (all splits)."""
    templates, test_templates, dev_templates = sent.split_templates(random.Random(sent.SEED))  # sentences.py's split
    held = test_templates | dev_templates
    rng = random.Random(20261204)
    seen, out = set(existing), []
    for t in templates:
        if t in held:
            continue
        for _ in range(NEW_CC_PER_TEMPLATE):
            s = normalise(sent.fill(t, rng))
            if s not in seen:
                seen.add(s)
                out.append((s, "cc"))
    for s in sent.general_sentences(random.Random(20261205), NEW_GENERAL + 4400):
        if s not in seen and sum(1 for _, k in out if k == "general") < NEW_GENERAL:
            seen.add(s)
            out.append((s, "general"))
    return out


def render_festival_batch(jobs):
    """jobs: list of (utt_id, text, voice, params); one festival process for all. Returns ids rendered."""
    todo = [j for j in jobs if not os.path.exists(os.path.join(OUT, "wav", j[0] + ".wav"))]
    done = {j[0] for j in jobs} - {j[0] for j in todo}
    if not todo:
        return done
    with tempfile.TemporaryDirectory() as tmp:
        lines = []
        for utt_id, text, voice, params in todo:
            lines.append(f"(voice_{voice})")
            lines.append(f"(Parameter.set 'Duration_Stretch {params.get('stretch', 1.0)})")
            if "f0" in params:
                lines.append(f"(set! int_lr_params '((target_f0_mean {params['f0']}) (target_f0_std "
                             f"{max(8, params['f0'] // 7)}) (model_f0_mean 170) (model_f0_std 34)))")
            safe = text.replace("\\", " ").replace('"', " ")
            lines.append(f'(utt.save.wave (utt.synth (Utterance Text "{safe}")) "{tmp}/{utt_id}.wav" \'riff)')
        script = os.path.join(tmp, "batch.scm")
        with open(script, "w") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run(["festival", "-b", script], capture_output=True, timeout=1200)
        for utt_id, *_ in todo:
            raw = os.path.join(tmp, utt_id + ".wav")
            if os.path.exists(raw) and synth.to_16k(raw, os.path.join(OUT, "wav", utt_id + ".wav")):
                done.add(utt_id)
    return done


def render_any(task):
    if task[0] == "festival":
        return render_festival_batch(task[1])
    return {task[1][0]} if synth.render(task[1]) else set()


def main():
    rng = random.Random(11)
    os.makedirs(os.path.join(OUT, "wav"), exist_ok=True)
    rows_all = [json.loads(l) for l in open(os.path.join(WORK, "sentences.jsonl"))]
    texts = [(r["text"], r["kind"], 1) for r in rows_all if r["split"] == "train"]
    texts += [(s, kind, 2) for s, kind in new_sentences({r["text"] for r in rows_all})]
    rows, other, fest = [], [], []
    for i, (text, kind, n) in enumerate(texts):
        for j in range(n):
            e, v, p = pick_voice(rng)
            utt = f"x{i:05d}_{j}"
            rows.append({"id": utt, "file": f"synth/wav/{utt}.wav", "text": text, "split": "train", "engine": e,
                         "voice": v, "params": p, "kind": kind})
            if e == "festival":
                fest.append((utt, text, v, p))
            else:
                other.append((utt, text, e, v, p))
    tasks = [("festival", fest[k:k + 40]) for k in range(0, len(fest), 40)] + [("other", j) for j in other]
    print(f"{len(texts)} sentences, {len(rows)} renders ({len(fest)} festival)", file=sys.stderr, flush=True)
    ok = set()
    with Pool(int(os.environ.get("SYNTH_JOBS", "2"))) as pool:
        for k, got in enumerate(pool.imap_unordered(render_any, tasks, chunksize=8)):
            ok |= got
            if k % 1000 == 0:
                print(f"  {k}/{len(tasks)} tasks", file=sys.stderr, flush=True)
    with open(os.path.join(OUT, "manifest_extra.jsonl"), "w") as f:
        for row in rows:
            if row["id"] in ok:
                f.write(json.dumps(row) + "\n")
    print(f"synthesised {len(ok)} of {len(rows)} extra utterances", file=sys.stderr)


if __name__ == "__main__":
    main()
