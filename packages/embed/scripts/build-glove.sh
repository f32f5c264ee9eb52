#!/usr/bin/env bash
# Builds Stanford GloVe (github.com/stanfordnlp/GloVe) from its public source: vocab_count, cooccur,
# shuffle and glove, the reference that bench/glove.ts and scripts/gen-glove-fixtures.sh run beside ours.
#   usage: scripts/build-glove.sh SOURCE_DIR [OUT_DIR]
# SOURCE_DIR is a checkout (with src/glove.c) or a git dir whose HEAD has it; OUT_DIR defaults to
# ~/.cache/nlpkit/glove. Flags are GloVe's Makefile's: -O3 -march=native -funroll-loops.
set -euo pipefail
src="${1:?usage: build-glove.sh SOURCE_DIR [OUT_DIR]}"
out="${2:-$HOME/.cache/nlpkit/glove}"
mkdir -p "$out/src"
if [[ -f "$src/src/glove.c" ]]; then
  cp "$src"/src/*.c "$src"/src/*.h "$out/src/"
elif git --git-dir="$src" rev-parse --verify -q HEAD >/dev/null; then
  git --git-dir="$src" archive HEAD src | tar -x -C "$out"
  git --git-dir="$src" rev-parse HEAD >"$out/COMMIT"
else
  echo "build-glove.sh: no src/glove.c in $src" >&2
  exit 1
fi
for tool in vocab_count cooccur shuffle glove; do
  gcc "$out/src/$tool.c" "$out/src/common.c" -o "$out/$tool" -pthread -O3 -march=native -funroll-loops -Wno-unused-result -lm
done
echo "$out"
