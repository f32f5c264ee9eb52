#!/usr/bin/env bash
# Regenerates the sentence-translation BLEU table of BENCHMARKS.md (issue 9 §3): both language pairs with the
# ground-truth dictionaries, and with induced ones when DICTS holds <src>-<tgt>.dict for all four directions
# (adapted to the text's tokens, with copy candidates: see README.md); then prints the Markdown table. Run from
# packages/translate. DICTS defaults to bench/unsup-pipeline.sh's dim-300 finals, /tmp/nlpkit-translate/pipeline/D
# (BENCHMARKS.md, "With the v30 dictionaries"). The main table's induced rows used v1's dictionaries (VecMap on
# word2vec vectors, /tmp/nlpkit-translate/dicts, since lost); the pipeline's step s0 makes dictionaries by that
# recipe (DICTS=/tmp/nlpkit-translate/pipeline/s0; new vectors, so not the same words).
# The comparable rows add about 2 × 10 CPU minutes, the temperature-0.05 6-round rows about 4 × 12. About 15–20 CPU minutes in all before them (most of it decoding 2 × 14,500 sentences per round); outputs in $SENTENCES_WORK.
set -euo pipefail
DICTS=${DICTS:-/tmp/nlpkit-translate/pipeline/D}
ROUNDS=${ROUNDS:-4}
INDUCED_ROUNDS=${INDUCED_ROUNDS:-5}
run() { npx tsx --conditions=@nlpkit/source bench/sentences/bleu-table.ts "$@"; }
run --pair en-fr --dict gt --rounds "$ROUNDS" &
run --pair en-de --dict gt --rounds "$ROUNDS" &
wait
if [[ ${SIMULTANEOUS:-0} == 1 ]]; then
  run --pair en-fr --dict gt --rounds 3 --schedule simultaneous --no-supervised &
  run --pair en-de --dict gt --rounds 3 --schedule simultaneous --no-supervised &
  wait
fi
if [[ -f $DICTS/en-fr.dict && -f $DICTS/fr-en.dict ]]; then run --pair en-fr --dict "$DICTS" --rounds "$INDUCED_ROUNDS" --no-supervised & fi
if [[ -f $DICTS/en-de.dict && -f $DICTS/de-en.dict ]]; then run --pair en-de --dict "$DICTS" --rounds "$INDUCED_ROUNDS" --no-supervised & fi
wait
# The same dictionaries re-induced on the mono halves as comparable text (README.md), then back-translation.
COMPARABLE_ROUNDS=${COMPARABLE_ROUNDS:-4}
for pair in en-fr en-de; do
  src=${pair%-*} tgt=${pair#*-}
  if [[ -f $DICTS/$src-$tgt.dict && -f $DICTS/$tgt-$src.dict ]]; then
    run --pair "$pair" --dict "$DICTS" --rounds "$COMPARABLE_ROUNDS" --no-supervised --comparable task2 --tag comparable &
  fi
done
wait
for pair in en-fr en-de; do
  src=${pair%-*} tgt=${pair#*-}
  if [[ -f $DICTS/$src-$tgt.dict && -f $DICTS/$tgt-$src.dict ]]; then
    run --pair "$pair" --dict "$DICTS" --rounds 0 --no-supervised --comparable task2 --temperature 0.05 --tag comparable-t05 &
  fi
done
wait
# Back-translation at the val-chosen temperature 0.05, 6 rounds, each round's systems saved for tune-dev.ts;
# then the same with the Task-2 captions in the en/de LMs. The final row takes each direction's best val round.
T05_ROUNDS=${T05_ROUNDS:-6}
for lm in task1 task2; do
  for pair in en-fr en-de; do
    src=${pair%-*} tgt=${pair#*-}
    if [[ -f $DICTS/$src-$tgt.dict && -f $DICTS/$tgt-$src.dict ]]; then
      tag=comparable-t05-r6; [[ $lm == task2 ]] && tag=comparable-t05-r6-lmt2
      run --pair "$pair" --dict "$DICTS" --rounds "$T05_ROUNDS" --no-supervised --comparable task2 --temperature 0.05 --lm "$lm" --tag "$tag" --save "${SENTENCES_WORK:-/tmp/sentences}/model-$pair-$tag" &
    fi
  done
  wait
done
npx tsx --conditions=@nlpkit/source bench/sentences/table.ts
