#!/usr/bin/env bash
# The gap tables of BENCHMARKS.md (translate, word translation: v19 and "Where issue 9 §2 stands"): for each final
# unsupervised dictionary, its P@1 on all of MUSE 0-5000 against supervised Procrustes by repeated 5-fold CV on
# the same vectors (bench/cv-gap.ts), and supervised P@1 against the number of gold pairs it is fitted on (--curve).
#   usage (from packages/translate): bench/cv-gap.sh [ROOT] [OUT]
# ROOT (default /tmp/nlpkit-translate) holds the vectors and final dictionaries named below (each directory's README
# says how it was made; packages/translate/README.md has the commands); OUT (default ROOT/cv-gap) gets one JSON
# per line of the table. About 20 minutes, two at a time.
set -euo pipefail
root=${1:-/tmp/nlpkit-translate}
out=${2:-$root/cv-gap}
mkdir -p "$out"
gap() { # vectors-dir name pair dictionary
  nice -n 5 npx tsx --conditions=@nlpkit/source bench/cv-gap.ts --curve 0.25,0.5,0.75,1 \
    --vectors "$root/$1" --name "$2" --pair "$3" --dict "$root/$4" --json "$out/$2.$3.json"
}
# The finals (BENCHMARKS.md, "v19–v27", "v15–v18" and "v7–v14"): dim 100 and dim 300, four directions each.
# (v19's table scored the earlier dim-300 finals: dicts-v17/ft300fr10 for en-fr and fr-en, dicts-v16 for de-en.)
{
  gap vectors-v2 ft100mix en-fr dicts-v8/ft100mix/en-fr.dict
  gap vectors-v4 ft100de10 en-de dicts-v15/ft100de10/en-de.dict
  gap vectors-v6 ft300fr10 en-fr dicts-v24/ft300fr10/en-fr.dict
  gap vectors-v5 ft300de10 en-de dicts-v16/ft300de10/en-de.dict
} &
{
  gap vectors-v2 ft100mix fr-en dicts-v7/ft100mix/fr-en.dict
  gap vectors-v4 ft100de10 de-en dicts-v15/ft100de10/de-en.dict
  gap vectors-v6 ft300fr10 fr-en dicts-v24/ft300fr10/fr-en.dict
  gap vectors-v5 ft300de10 de-en dicts-v25/ft300de10/de-en.dict
} &
wait
