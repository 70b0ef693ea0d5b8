"""Synthesises the sentence list with Debian TTS voices (espeak-ng, flite, festival) into 16 kHz int16 WAV.

Train sentences: each rendered by 2 random TRAIN voices with random speed/pitch.
Dev sentences: 1 random train voice (used for the dev WER during training).
Test sentences: every HELD-OUT voice at default settings (never seen in training, in voice or sentence).
Resumable: existing WAVs are kept. Output: work/synth/wav/*.wav and work/synth/manifest.jsonl.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from multiprocessing import Pool

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
OUT = os.path.join(WORK, "synth")

ESPEAK_TRAIN = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-rp", "en-gb-x-gbcwmd", "en-029"]
ESPEAK_VARIANTS_TRAIN = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f5", "klatt"]
# (engine, voice) pairs and their share of train renders
TRAIN_VOICES = ([("espeak", v) for v in ESPEAK_TRAIN] +
                [("flite", "kal16"), ("flite", "awb"), ("flite", "slt"),
                 ("festival", "kal_diphone"), ("festival", "cmu_us_slt_arctic_hts")])
TRAIN_WEIGHTS = [0.07] * len(ESPEAK_TRAIN) + [0.12, 0.12, 0.12] + [0.07, 0.08]
HELDOUT_VOICES = [("flite", "rms"), ("festival", "ked_diphone"), ("espeak", "en-us-nyc+f4")]


def render(job):
    utt_id, text, engine, voice, params = job
    wav = os.path.join(OUT, "wav", utt_id + ".wav")
    if os.path.exists(wav):
        return True
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.wav")
        if engine == "espeak":
            cmd = ["espeak-ng", "-v", voice, "-s", str(params.get("speed", 165)), "-p", str(params.get("pitch", 50)),
                   "-w", raw, text]
        elif engine == "flite":
            cmd = ["flite", "-voice", voice, "--setf", f"duration_stretch={params.get('stretch', 1.0)}",
                   "-t", text, "-o", raw]
            if "f0" in params:
                cmd[5:5] = ["--setf", f"int_f0_target_mean={params['f0']}"]
        else:
            scm = os.path.join(tmp, "t.txt")
            with open(scm, "w") as f:
                f.write(text)
            cmd = ["text2wave", "-eval", f"(voice_{voice})", "-eval",
                   f"(Parameter.set 'Duration_Stretch {params.get('stretch', 1.0)})", scm, "-o", raw]
        r = subprocess.run(cmd, capture_output=True, timeout=60)
        if r.returncode != 0 or not os.path.exists(raw):
            return False
        return to_16k(raw, wav)


def to_16k(raw, wav):
    """TTS output (any rate) -> 16 kHz mono int16 WAV, written atomically. True when it worked."""
    r = subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", wav + ".tmp.wav",
                        "rate", "-v", "16000"], capture_output=True)
    if r.returncode != 0:
        return False
    os.replace(wav + ".tmp.wav", wav)
    return True


def random_params(rng, engine):
    if engine == "espeak":
        return {"speed": rng.randint(135, 195), "pitch": rng.randint(25, 75)}
    p = {"stretch": round(rng.uniform(0.85, 1.2), 2)}
    if engine == "flite" and rng.random() < 0.5:
        p["f0"] = rng.randint(90, 200)
    return p


def main():
    rng = random.Random(7)
    os.makedirs(os.path.join(OUT, "wav"), exist_ok=True)
    sentences = [json.loads(l) for l in open(os.path.join(WORK, "sentences.jsonl"))]
    jobs, rows = [], []
    for s in sentences:
        if s["split"] == "test":
            renders = [(e, v, {}) for e, v in HELDOUT_VOICES]
            split = "test"
        else:
            n = 2 if s["split"] == "train" else 1
            picks = rng.choices(range(len(TRAIN_VOICES)), weights=TRAIN_WEIGHTS, k=n)
            renders = []
            for k in picks:
                e, v = TRAIN_VOICES[k]
                if e == "espeak":
                    v = v + "+" + rng.choice(ESPEAK_VARIANTS_TRAIN)
                renders.append((e, v, random_params(rng, e)))
            split = s["split"]
        for j, (e, v, p) in enumerate(renders):
            utt = f"{s['id']}_{j}"
            jobs.append((utt, s["text"], e, v, p))
            rows.append({"id": utt, "file": f"synth/wav/{utt}.wav", "text": s["text"], "split": split,
                         "engine": e, "voice": v, "params": p, "kind": s["kind"]})
    with Pool(int(os.environ.get("SYNTH_JOBS", "2"))) as pool:
        ok = pool.map(render, jobs, chunksize=16)
    with open(os.path.join(OUT, "manifest.jsonl"), "w") as f:
        for row, good in zip(rows, ok):
            if good:
                f.write(json.dumps(row) + "\n")
    print(f"synthesised {sum(ok)} of {len(jobs)} utterances", file=sys.stderr)


if __name__ == "__main__":
    main()
