#!/usr/bin/env bash
# Builds word2vec C (github.com/tmikolov/word2vec) from its public source, the reference that
# bench/word2vec.ts times and scores our trainer against.
#   usage: scripts/build-word2vec-c.sh SOURCE_DIR [OUT_DIR]
# SOURCE_DIR holds word2vec.c (a checkout, or a git dir whose HEAD has it); OUT_DIR defaults to
# ~/.cache/nlpkit/word2vec. Flags are those of the issue: -O3 -march=native -funroll-loops.
set -euo pipefail
src="${1:?usage: build-word2vec-c.sh SOURCE_DIR [OUT_DIR]}"
out="${2:-$HOME/.cache/nlpkit/word2vec}"
mkdir -p "$out"
if [[ -f "$src/word2vec.c" ]]; then
  cp "$src/word2vec.c" "$out/word2vec.c"
elif git --git-dir="$src" rev-parse --verify -q HEAD >/dev/null; then
  git --git-dir="$src" show HEAD:word2vec.c >"$out/word2vec.c"
  git --git-dir="$src" rev-parse HEAD >"$out/COMMIT"
else
  echo "build-word2vec-c.sh: no word2vec.c in $src" >&2
  exit 1
fi
gcc "$out/word2vec.c" -o "$out/word2vec" -lm -pthread -O3 -march=native -Wall -funroll-loops -Wno-unused-result
echo "$out/word2vec"
