#!/usr/bin/env bash
# Regenerates the sentence-translation BLEU table of BENCHMARKS.md (issue 9 §3): both language pairs with the
# ground-truth dictionaries, and with induced ones when DICTS (default /tmp/nlpkit-translate/dicts) holds
# <src>-<tgt>.dict for all four directions (adapted to the text's tokens, with copy candidates: see README.md);
# then prints the Markdown table. Run from packages/translate.
# About 15–20 CPU minutes in all (most of it decoding 2 × 14,500 sentences per round); outputs in $SENTENCES_WORK.
set -euo pipefail
DICTS=${DICTS:-/tmp/nlpkit-translate/dicts}
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
npx tsx --conditions=@nlpkit/source bench/sentences/table.ts
