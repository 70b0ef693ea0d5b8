"""Writes models/asr-embedded/manifest-entry.json (name, task, files with sha256, licence, measured WERs) and
brings the asr-embedded entry of models/manifest.json (files, realSpeechWer) up to date with it.

  python3 write_manifest.py work/eval/result-realspeech.json work/eval/result-heldout.json work/eval/result-heldout8k.json
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.normpath(os.path.join(HERE, "../../asr-embedded"))


def eval_asr_mean_clip_wer():
    path = os.path.normpath(os.path.join(HERE, "../../../bench/results/eval-asr.json"))
    try:
        return json.load(open(path))["results"]["embedded"]["realspeech16k"]["meanClipWer"]
    except (OSError, KeyError):
        return None


def main():
    real, held16, held8 = (json.load(open(p)) for p in sys.argv[1:4])
    files = []
    for name in ("model.onnx", "config.json", "lm.json", "README.md"):
        path = os.path.join(MODEL, name)
        if os.path.exists(path):
            files.append({"path": name, "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
                          "bytes": os.path.getsize(path)})
    entry = {
        "name": "asr-embedded",
        "task": "asr",
        "asrEngine": "embedded",
        "description": "project-trained streaming CTC (causal conv + LSTM, characters) for 16 kHz / 8 kHz English",
        "files": files,
        "license": "Weights: trained by this project from synthetic TTS speech (espeak-ng, flite, festival) and "
                   "asrtrain clips under CC BY 4.0 (LibriSpeech, Speech Commands), CC0 (Common Voice), MIT (MFA) "
                   "and the CMU AN4 licence; attribution in README.md",
        "source": "models/train/asr (bash models/train/asr/train.sh)",
        # the figure `asr.engine: auto` ranks by: mean clip WER on shared/realspeech with the engine's default
        # decoding (LM beam), from `npm run eval:asr` (the same metric as PocketSphinx's entry)
        "realSpeechWer": eval_asr_mean_clip_wer(),
        "realSpeechWerGroupMeanGreedy": real["meanGroupWerGreedy"],
        "realSpeechWerGroupMeanBeam": real["meanGroupWerBeam"],
        "heldoutSyntheticWer16k": held16["werBeam"],
        "heldoutSyntheticWer8k": held8["werBeam"],
        "heldoutSyntheticWer16kGreedy": held16["werGreedy"],
        "heldoutSyntheticWer8kGreedy": held8["werGreedy"],
    }
    json.dump(entry, open(os.path.join(MODEL, "manifest-entry.json"), "w"), indent=1)
    print(json.dumps(entry, indent=1))
    manifest_path = os.path.join(MODEL, "..", "manifest.json")
    manifest = json.load(open(manifest_path))
    for m in manifest["models"]:
        if m["name"] == "asr-embedded":
            m["files"] = [{k: f[k] for k in ("path", "bytes", "sha256")} for f in files if f["path"] != "README.md"]
            if entry["realSpeechWer"] is not None:
                m["realSpeechWer"] = entry["realSpeechWer"]
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
