#!/usr/bin/env bash
# Build KenLM's lmplz, query and build_binary from a source checkout, for the oracle fixtures and the bench.
#   usage: build-kenlm.sh <kenlm-source-dir> [build-dir]   (build-dir defaults to <source>/build)
# Needs cmake, a C++ compiler and Boost (program-options, system, thread, test), zlib, bz2, lzma dev packages.
# Get the source with e.g. `git clone https://github.com/kpu/kenlm` (fixtures were made at kpu/kenlm@4cb443e).
set -euo pipefail
src=${1:?usage: build-kenlm.sh <kenlm-source-dir> [build-dir]}
build=${2:-$src/build}
jobs=${JOBS:-2}
mkdir -p "$build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release
nice -n 5 make -C "$build" -j"$jobs" lmplz query build_binary
ls -l "$build/bin/lmplz" "$build/bin/query" "$build/bin/build_binary"
