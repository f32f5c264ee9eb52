#!/usr/bin/env bash
# Regenerates the dictionaries of BENCHMARKS.md's "v7–v14" section (translate, word translation): each
# unsupervised map seeded by another unsupervised map's dictionary — the other dimension's (ft100mix <-> ft300mix)
# or, inverted, the reverse direction's. No gold pair anywhere; the choices were made on --eval-on val (rules in
# BENCHMARKS.md), so this script only replays the winners, each with its held-apart scores and supervised
# Procrustes beside it.
#   usage (from packages/translate): bench/seed-chain.sh [ROOT]
# ROOT (default /tmp/nlpkit-translate) holds vectors-v2 (ft100mix), vectors-v3 (ft300mix) and the earlier
# dictionaries dicts-v4 (dim 100), dicts-v6 (dim 300; fr-en by VecMap self-learning) and dicts-v6/ft100mix,
# made by the commands in README.md. It writes dicts-v7, dicts-v8/ft100mix, dicts-v10 and dicts-v13, and one JSON
# per step. About 14 minutes (one process at a time; dim-300 VecMap self-learning is 3 of them).
set -euo pipefail
root=${1:-/tmp/nlpkit-translate}
bench() { nice -n 5 npx tsx --conditions=@nlpkit/source bench/word-translation.ts --seeds 1 --supervised-refine false \
  --methods "copy,procrustes,$1" --refine-iterations 10 --refine-reweight 0.5 "${@:2}"; }
v100=(--vectors "$root/vectors-v2" --name ft100mix)
v300=(--vectors "$root/vectors-v3" --name ft300mix)
mkdir -p "$root/dicts-v7/ft100mix" "$root/dicts-v8/ft100mix" "$root/dicts-v10" "$root/dicts-v13"
# v7, dim 300 <- the dim-100 finals: en-fr refined from dicts-v4; fr-en by VecMap self-learning from dicts-v6/ft100mix.
bench transfer "${v300[@]}" --pairs en-fr --seed-dict "$root/dicts-v4" --write-dicts "$root/dicts-v7" --json "$root/dicts-v7/en-fr.json"
bench transfer-vecmap "${v300[@]}" --pairs fr-en --seed-dict "$root/dicts-v6/ft100mix" --write-dicts "$root/dicts-v7" --json "$root/dicts-v7/fr-en.json"
# v7, dim 100 <- the dim-300 finals (dicts-v6): fr-en and de-en.
bench transfer "${v100[@]}" --pairs fr-en,de-en --seed-dict "$root/dicts-v6" --write-dicts "$root/dicts-v7/ft100mix" --json "$root/dicts-v7/ft100mix/runs.json"
# v8, dim 100 en-fr <- v7's dim-300 en-fr.
bench transfer "${v100[@]}" --pairs en-fr --seed-dict "$root/dicts-v7" --write-dicts "$root/dicts-v8/ft100mix" --json "$root/dicts-v8/ft100mix/en-fr.json"
# v10, dim 300 en-fr <- v7's dim-300 fr-en, inverted.
bench transfer "${v300[@]}" --pairs en-fr --seed-dict "$root/dicts-v7" --seed-inverse true --write-dicts "$root/dicts-v10" --json "$root/dicts-v10/en-fr.json"
# v13, dim 300 de-en: a last refinement of its own dictionary (dicts-v6 = dicts-v5 for de-en) inducing pairs
# from the 10,000 most frequent words of each side instead of 5,000.
bench transfer "${v300[@]}" --pairs de-en --seed-dict "$root/dicts-v6" --refine-vocab 10000 --criterion-rank 5000 \
  --write-dicts "$root/dicts-v13" --json "$root/dicts-v13/de-en.json"
