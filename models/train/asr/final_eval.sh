#!/usr/bin/env bash
# Evaluates the exported model (models/asr-embedded) with the TypeScript engine; results in work/eval/result-*.json.
# LIMIT (default 240) takes an even spread of the 717 held-out clips (all 3 voices, ~80 sentences each).
set -euo pipefail
cd "$(dirname "$0")/../../.."
LIMIT="${LIMIT:-240}"
E=models/train/asr/work/eval
for set in heldout heldout8k; do
  nice node --import tsx models/train/asr/eval.ts --set $set --limit "$LIMIT" --out $E/result-$set.json > /dev/null
done
nice node --import tsx models/train/asr/eval.ts --set realspeech --out $E/result-realspeech.json > /dev/null
for f in $E/result-heldout.json $E/result-heldout8k.json $E/result-realspeech.json; do
  node -e "const r=require('./$f'); console.log(r.set, 'n', r.utterances, 'greedy', r.werGreedy, 'beam', r.werBeam, 'groupMeanGreedy', r.meanGroupWerGreedy, 'groupMeanBeam', r.meanGroupWerBeam, 'rtf', r.rtfOneWorker, 'lag', r.firstWordStartLagMedianMs, r.lastWordEndLagMedianMs)"
done
