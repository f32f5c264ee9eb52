#!/usr/bin/env bash
# Issue 9 §2 end to end, from nothing to the final unsupervised dictionaries and their gap to supervised Procrustes
# (BENCHMARKS.md, translate, "v30" and "v28–v29"). No gold pair is read until the scoring; nothing in it is chosen
# by a P@1 (its recipe was, on the train part of MUSE 0-5000, in v29 and v30).
#   usage (from packages/translate): bench/unsup-pipeline.sh [ROOT]
# ROOT (default /tmp/nlpkit-translate) gets the vectors (trained if missing, by scripts/train-word-vectors.sh), one
# folder per round below with each direction's dictionary, log and --json, and cv-gap/ with the gap JSONs. A round
# or gap whose JSON exists is not run again: delete a folder (e.g. ROOT/pipeline/cv-gap) to redo just that part.
# About 125 minutes on 2 cores with the vectors to train (those take about 28); one line per step as it starts.
#
# Per direction, each stage starts from the previous stage's dictionary (--seed-dict):
#   s0  VecMap, fully unsupervised, on word2vec vectors (w2v100: ELTeC only, dim 100), rng seeds 1 and 2, the
#       uncollapsed run with the better unsupervised criterion;
#   A   dim 100: rounds of R = transfer + 10 MUSE refinement iterations + VecMap's re-weighting (0.5), each seeded
#       by the round before, while MUSE's unsupervised criterion gains more than 0.001 (at most 6 rounds);
#   B   dim 300: the same, inducing among the 10,000 most frequent words (criterion on 5,000);
#   C   dim 100: the same as A, seeded by B (back across dimensions)                              -> the dim-100 final;
#   D   dim 300: the same as B, seeded by C (across once more)                                    -> the dim-300 final.
# A stage's dictionary is its last round that gained. The rounds are scored on --eval-on val only (the held-apart
# words are not printed); the finals are scored by bench/cv-gap.ts. This condenses the chain that made the v7–v27
# finals (v1 → v3 → … → v24/v25), which only BENCHMARKS.md's prose recorded: cross-dimension seeding (v7, v8), the
# 10,000-word induction vocabulary (v13, v24), 10-epoch French and German vectors (v15–v17), and rounds until the
# criterion stops gaining (v28 stopped after two and fell short). D (v30) gained 1.3–2.2 points of train-part P@1
# over B in every direction at about the same criterion, so each dimension's last stage is its final.
# Vectors (fastText skip-gram, subwords; the Multi30k / Task-2 mono halves mixed in): dim 100 English and French 5
# epochs (ft100mix), German 10; dim 300 English 5 epochs (ft300mix), French and German 10. fastText with 2 threads
# is not bit-reproducible, so neither is a run of this script from scratch; from the same vectors it is.
set -euo pipefail
root=${1:-/tmp/nlpkit-translate}
cd "$(dirname "$0")/.."
train() { # dir name model dim epochs langs [mix]
  if [[ ! -f $root/$1/$2.${6##* }.vec ]]; then
    CORPUS=$root/corpus MIX=${7:-1} LANGS=$6 scripts/train-word-vectors.sh "$root/$1" "$2" "$3" "$4" "$5"
  fi
}
train vectors-v1 w2v100 sg 100 5 'en fr de' 0
train vectors-v2 ft100mix fasttext-sg 100 5 'en fr'
train vectors-v4 ft100de10 fasttext-sg 100 10 de
train vectors-v3 ft300mix fasttext-sg 300 5 en
train vectors-v56 ft300x10 fasttext-sg 300 10 'fr de'
# One name per dimension for the bench (it reads DIR/NAME.<lang>.vec).
mkdir -p "$root/vectors-100" "$root/vectors-300"
ln -sf "$root/vectors-v2/ft100mix.en.vec" "$root/vectors-100/ft100.en.vec"
ln -sf "$root/vectors-v2/ft100mix.fr.vec" "$root/vectors-100/ft100.fr.vec"
ln -sf "$root/vectors-v4/ft100de10.de.vec" "$root/vectors-100/ft100.de.vec"
ln -sf "$root/vectors-v3/ft300mix.en.vec" "$root/vectors-300/ft300.en.vec"
ln -sf "$root/vectors-v56/ft300x10.fr.vec" "$root/vectors-300/ft300.fr.vec"
ln -sf "$root/vectors-v56/ft300x10.de.vec" "$root/vectors-300/ft300.de.vec"

out=$root/pipeline
mkdir -p "$out"
: > "$out/rounds.log" # each run re-derives every stage's rounds from the JSONs and logs them again
bench() { # step pair [flags]: one bench process, its log, JSON and dictionary in $out/step
  [[ -f $out/$1/$2.json ]] && return
  mkdir -p "$out/$1"
  echo "$(date +%T) $2 $1 ($out/$1/$2.log)"
  nice -n 5 npx tsx --conditions=@nlpkit/source bench/word-translation.ts --pairs "$2" "${@:3}" \
    --write-dicts "$out/$1" --json "$out/$1/$2.json" > "$out/$1/$2.log" 2>&1
}
criterion() { node -e 'console.log(require(process.argv[1]).runs.find((r) => r.picked).criterion)' "$1"; }
stage() { # name pair seed-folder [flags]: rounds while the criterion gains; $out/name/pair.dict -> the last that gained
  local name=$1 pair=$2 seed=$3 prev='' best='' c r
  shift 3
  for ((r = 1; r <= 6; r++)); do
    bench "$name$r" "$pair" "$@" --seed-dict "$out/$seed"
    c=$(criterion "$out/$name$r/$pair.json")
    echo "$pair $name round $r: criterion $c" >> "$out/rounds.log"
    if [[ -n $prev ]] && ! awk -v c="$c" -v p="$prev" 'BEGIN { exit !(c > p + 0.001) }'; then break; fi
    prev=$c best=$name$r seed=$name$r
  done
  mkdir -p "$out/$name"
  ln -sf "../$best/$pair.dict" "$out/$name/$pair.dict"
  echo "$pair $name: $best" >> "$out/rounds.log"
}
R=(--eval-on val --methods transfer --refine-iterations 10 --refine-reweight 0.5)
d100=(--vectors "$root/vectors-100" --name ft100 "${R[@]}")
d300=(--vectors "$root/vectors-300" --name ft300 "${R[@]}" --refine-vocab 10000 --criterion-rank 5000)
chain() { # pair
  bench s0 "$1" --vectors "$root/vectors-v1" --name w2v100 --eval-on val --methods vecmap --seeds 1,2
  stage A "$1" s0 "${d100[@]}"
  stage B "$1" A "${d300[@]}"
  stage C "$1" B "${d100[@]}"
  stage D "$1" C "${d300[@]}"
}
gap() { # vectors name pair dictionary
  [[ -f $out/cv-gap/$2.$3.json ]] && return
  mkdir -p "$out/cv-gap"
  echo "$(date +%T) $3 gap, $2 ($out/cv-gap/$2.$3.log)"
  nice -n 5 npx tsx --conditions=@nlpkit/source bench/cv-gap.ts --curve 0.25,0.5,0.75,1 --vectors "$root/$1" \
    --name "$2" --pair "$3" --dict "$4" --json "$out/cv-gap/$2.$3.json" > "$out/cv-gap/$2.$3.log" 2>&1
}
# Two processes at a time (2 cores); each stream runs two directions' chains, then their gaps.
stream() { # two directions
  chain "$1"; chain "$2"
  for p in "$1" "$2"; do gap vectors-300 ft300 "$p" "$out/D/$p.dict"; gap vectors-100 ft100 "$p" "$out/C/$p.dict"; done
}
stream en-fr en-de & first=$!
stream fr-en de-en & second=$!
wait $first; wait $second
grep -h 'all 0-5000' "$out"/cv-gap/*.log
