#!/usr/bin/env bash
# Trains the word vectors of the word-translation benchmark (bench/word-translation.ts) with @nlpkit/embed:
# tokenises ELTeC (and with MIX=1 the Multi30k and Task-2 mono halves) by scripts/prepare-corpora.mjs, then one model per
# language, written as OUT/<NAME>.<lang>.vec (fastText text, most frequent word first).
#   usage (from packages/translate): scripts/train-word-vectors.sh OUT NAME MODEL DIM EPOCHS [extra embed flags]
#   e.g.  scripts/train-word-vectors.sh /tmp/wordmap/vec ft100 fasttext-sg 100 5
#         MIX=1 scripts/train-word-vectors.sh /tmp/wordmap/vec ft100mix fasttext-sg 100 5   # the v2 recipe
#         (BENCHMARKS.md, translate: ~180-255 CPU s per language; /tmp/nlpkit-translate/vectors-v2)
# EMBED (default: the built CLI, ../embed/bin/embed.js), CORPUS (default: OUT/../corpus) and LANGS (default:
# "en fr de") can be overridden. With 2 threads a run is not bit-reproducible (embed's --threads 1 is).
set -euo pipefail
out=$1 name=$2 model=$3 dim=$4 epochs=$5
shift 5
here=$(cd "$(dirname "$0")" && pwd)
embed=${EMBED:-$here/../../embed/bin/embed.js}
corpus=${CORPUS:-$out/../corpus}
suffix=.txt
if [[ ${MIX:-0} == 1 ]]; then suffix=.mix.txt; fi
mkdir -p "$out"
if [[ ! -f $corpus/de$suffix ]]; then node "$here/prepare-corpora.mjs" "$corpus" --mix; fi
for lang in ${LANGS:-en fr de}; do
  /usr/bin/time -f "$name $lang: %e s wall, %U s user, %S s sys" \
    node "$embed" train "$corpus/$lang$suffix" -o "$out/$name.$lang.vec" --model "$model" --dim "$dim" \
    --epochs "$epochs" --min-count 5 --threads 2 --no-progress --json "$@"
done
