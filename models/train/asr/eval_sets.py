"""Prepares the evaluation lists read by eval.ts (work/eval/<set>.jsonl: {id, wav, ref, group}).

  heldout     held-out voices (flite rms, festival ked_diphone, espeak en-us-nyc+f4) x held-out sentences, 16 kHz
  heldout8k   the same clips through the telephone channel: sox `rate -v 8000` to 8 kHz G.711 mu-law (.ul);
              eval.ts decodes the mu-law and resamples 8k -> 16k the way the server does (src/audio/resample.ts
              when present; otherwise the sox `rate -v 16000` copy made here, *.8k.wav)
  realspeech  ../shared/realspeech labelled clips (measurement only; never used for training or tuning)
  devsynth    dev sentences x train voices (for tuning the beam search; not a test set)
  devunseen   80 dev sentences x 3 voices in neither training nor test (flite kal, espeak en-us+Andy,
              espeak en-gb-x-rp+linda): for choosing between checkpoints on unseen voices without touching
              the test voices
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from textnorm import normalise  # noqa: E402
import synth as tts  # noqa: E402

DEV_UNSEEN_VOICES = [("flite", "kal"), ("espeak", "en-us+Andy"), ("espeak", "en-gb-x-rp+linda")]

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
OUT = os.path.join(WORK, "eval")
REAL = os.path.normpath(os.path.join(HERE, "../../../../shared/realspeech"))


def main():
    os.makedirs(os.path.join(OUT, "8k"), exist_ok=True)
    synth = [json.loads(l) for l in open(os.path.join(WORK, "synth", "manifest.jsonl"))]
    test = [r for r in synth if r["split"] == "test"]
    dev = [r for r in synth if r["split"] == "dev"][:150]
    with open(os.path.join(OUT, "heldout.jsonl"), "w") as f16, open(os.path.join(OUT, "heldout8k.jsonl"), "w") as f8:
        for r in test:
            wav = os.path.join(WORK, r["file"])
            group = f"{r['engine']}:{r['voice']}"
            f16.write(json.dumps({"id": r["id"], "wav": wav, "ref": r["text"], "group": group}) + "\n")
            ul = os.path.join(OUT, "8k", r["id"] + ".ul")
            up = os.path.join(OUT, "8k", r["id"] + ".8k.wav")
            if not os.path.exists(up):
                subprocess.run(["sox", "-V1", wav, "-t", "ul", "-r", "8000", "-c", "1", ul, "rate", "-v", "8000"], check=True)
                subprocess.run(["sox", "-V1", "-t", "ul", "-r", "8000", "-c", "1", ul, "-r", "16000", "-b", "16", "-e",
                                "signed-integer", up, "rate", "-v", "16000"], check=True)
            f8.write(json.dumps({"id": r["id"], "ul": ul, "wav": up, "ref": r["text"], "group": group}) + "\n")
    with open(os.path.join(OUT, "devsynth.jsonl"), "w") as f:
        for r in dev:
            f.write(json.dumps({"id": r["id"], "wav": os.path.join(WORK, r["file"]), "ref": r["text"],
                                "group": r["engine"]}) + "\n")
    os.makedirs(os.path.join(tts.OUT, "wav"), exist_ok=True)
    with open(os.path.join(OUT, "devunseen.jsonl"), "w") as f:
        for r in dev[:80]:
            for k, (engine, voice) in enumerate(DEV_UNSEEN_VOICES):
                utt = f"devunseen_{r['id']}_{k}"
                if tts.render((utt, r["text"], engine, voice, {})):
                    f.write(json.dumps({"id": utt, "wav": os.path.join(tts.OUT, "wav", utt + ".wav"), "ref": r["text"],
                                        "group": f"{engine}:{voice}"}) + "\n")
    manifest = json.load(open(os.path.join(REAL, "manifest.json")))
    with open(os.path.join(OUT, "realspeech.jsonl"), "w") as f:
        for r in manifest:
            if not r.get("text"):
                continue
            f.write(json.dumps({"id": r["id"], "wav": os.path.join(REAL, r["file"]), "ref": normalise(r["text"]),
                                "group": r.get("group") or "other"}) + "\n")
    print("eval lists written to", OUT)


if __name__ == "__main__":
    main()
