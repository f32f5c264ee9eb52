#!/usr/bin/env bash
# GPU check for @nlpkit/lm's neural models (issue 8 §5): runs bench/gpu-check.mjs, which loads every fixture in
# test/fixtures/neural and every bench model in $NLPKIT_BENCH_MODELS (default ~/.cache/nlpkit/bench-models) on
# cpu, cuda and webgpu (strictDevice: a provider that cannot load is reported "unavailable" and skipped),
# compares each provider's outputs with CPU (max |Δ| ≤ 1e-3 on logits / hidden states / embeddings, the same
# greedy and beam ids) and prints latency and throughput per provider. Exit status non-zero on a disagreement.
#
#   bash packages/lm/bench/gpu-check.sh [gpu-check.mjs flags: --providers cpu,cuda --tol 1e-3 --steps 16 --reps 3]
#   bash packages/lm/bench/gpu-check.sh --pack /tmp/gpu-carry     # build the carry tree + tarball (see below)
#
# Plain JS on the built dist/ (`pnpm --filter @nlpkit/lm build` first): the GPU machine needs no tsx, no pnpm, no network.
#
# CARRY (the GPU machines have no network and take at most 64 MiB): `--pack DIR` copies into DIR only what the
# check needs, in the repository's layout, and writes DIR.tar.xz:
#   node                                  this machine's node binary (v20, linux-x64)
#   packages/lm/{package.json,dist,bench/gpu-check.{sh,mjs},test/fixtures/neural}
#   packages/lm/node_modules/onnxruntime-node/{package.json,dist,lib,bin/napi-v6/linux/x64}  (+ onnxruntime-common)
#   packages/lm/node_modules/@nlpkit/{tokenize,kit}/{package.json,dist} (+ their runtime deps that dist imports)
#   bench-models/<name>/  graphs WITHOUT weights + weights.manifest.json (see "Big models" below)
#   vulkan/                               Debian's libvulkan1, unpacked (optional, for webgpu; see below)
# Measured here (2026-11-29): 36.8 MiB as .tar.xz with the three bench models and the Vulkan/GLVND libraries (150 MiB unpacked;
# node is 98 MiB of that); packing took ~5 min of xz on a loaded 2-core box. The exact
# figure is printed by --pack. On the GPU machine: `tar xJf gpu-carry.tar.xz && cd gpu-carry &&
# PATH=$PWD:$PATH NLPKIT_BENCH_MODELS=$PWD/bench-models bash packages/lm/bench/gpu-check.sh`.
# The CUDA provider (libonnxruntime_providers_cuda.so, hundreds of MB, plus CUDA 12 and cuDNN 9) does not fit the budget:
# it must already be on the GPU machine (copy it into
# packages/lm/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/ there) or cuda is reported unavailable.
# WebGPU ships inside libonnxruntime (Dawn) and needs a Vulkan loader plus GLVND, which the NVIDIA ICD
# (libGLX_nvidia.so.0) loads: `apt-get download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2`
# here and pack with VULKAN_DEBS="<those .deb files>" (~370 KB; unpacked into <carry>/vulkan, which this script puts
# on LD_LIBRARY_PATH; or set VULKAN_DIR). With the loader alone the ICD fails ("Could not get 'vkCreateInstance'").
# The ICD's json: the driver's own (also /usr/local/nvidia/share/vulkan/icd.d/, where the lent machines mount it),
# else one written here (a compute-only driver install without libGLX_nvidia leaves webgpu unavailable).
# CUDA: not on the lent H200 machines (2026-11-29): CUDA 13 there, no libonnxruntime_providers_cuda.so, and the
# provider (CUDA 12 build, from NuGet) cannot be fetched or carried; cuda reads "unavailable".
#
# BIG MODELS: BERT-base (~440 MB) and GPT-2 small (~500 MB) cannot be carried, and the GPU machine has no torch.
# scripts/gen-bench-models.py therefore exports them with ONNX external data and also writes
# weights.manifest.json (per external tensor: offset, length, and how to fill it — normal(mean, std) as the
# torch initialisation, a constant for LayerNorm, a copy of an earlier tensor (the merged decoder's two branches
# share weights), literal bytes for integer tensors). The graphs alone are a few
# hundred KB; gpu-check.mjs writes the missing *.onnx_data files from a seeded generator before the check, so
# the models are "randomly initialised BERT-base / GPT-2-small sized" on every machine (1.8 GB of disk there), and every provider
# on that machine reads the same weights. (Weights differ from the torch-initialised ones here; the check only
# compares providers with each other on the same machine, so that does not matter.) Ship the bench models with
# `--pack DIR --models ~/.cache/nlpkit/bench-models`: only *.onnx, *.json and the manifest are copied.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LM="$(dirname "$HERE")"

if [[ "${1:-}" == "--pack" ]]; then
  DEST="${2:?--pack DIR}"
  MODELS="${NLPKIT_BENCH_MODELS:-$HOME/.cache/nlpkit/bench-models}"
  if [[ "${3:-}" == "--models" ]]; then MODELS="${4:?--models DIR}"; fi
  rm -rf "$DEST" && mkdir -p "$DEST/packages/lm/bench" "$DEST/packages/lm/test/fixtures" "$DEST/bench-models"
  cp "$(command -v node)" "$DEST/node"
  cp "$LM/package.json" "$DEST/packages/lm/"
  cp -r "$LM/dist" "$DEST/packages/lm/dist"
  cp "$HERE/gpu-check.sh" "$HERE/gpu-check.mjs" "$DEST/packages/lm/bench/"
  cp -r "$LM/test/fixtures/neural" "$DEST/packages/lm/test/fixtures/neural"
  NM="$DEST/packages/lm/node_modules"
  ORT="$(readlink -f "$LM/node_modules/onnxruntime-node")"
  mkdir -p "$NM/onnxruntime-node/bin/napi-v6/linux" "$NM/onnxruntime-common" "$NM/@nlpkit/tokenize"
  cp -r "$ORT/package.json" "$ORT/dist" "$ORT/lib" "$NM/onnxruntime-node/"
  cp -r "$ORT/bin/napi-v6/linux/x64" "$NM/onnxruntime-node/bin/napi-v6/linux/x64"
  COMMON="$(readlink -f "$ORT/../onnxruntime-common")"
  cp -r "$COMMON/package.json" "$COMMON/dist" "$NM/onnxruntime-common/"
  # Node resolves onnxruntime-common from onnxruntime-node's own folder upwards: packages/lm/node_modules has it.
  TOK="$(readlink -f "$LM/node_modules/@nlpkit/tokenize")"
  cp -r "$TOK/package.json" "$TOK/dist" "$NM/@nlpkit/tokenize/"
  # @nlpkit/kit: dist/ outside cli/ imports only its `/wasm` typings (the CLI parts, which need commander, stay home).
  KIT="$(readlink -f "$LM/node_modules/@nlpkit/kit")"
  mkdir -p "$NM/@nlpkit/kit"
  cp -r "$KIT/package.json" "$KIT/dist" "$NM/@nlpkit/kit/"
  rm -rf "$NM/@nlpkit/tokenize/dist/cli" "$DEST/packages/lm/dist/cli" 2>/dev/null || true
  find "$DEST/packages/lm/dist" "$NM" -name '*.map' -delete
  if [[ -d "$MODELS" ]]; then
    for d in "$MODELS"/*/; do
      [[ -f "$d/weights.manifest.json" ]] || continue
      n="$(basename "$d")"
      mkdir -p "$DEST/bench-models/$n"
      (cd "$d" && find . \( -name '*.json' -o -name '*.onnx' \) -exec cp --parents {} "$DEST/bench-models/$n/" \;)
    done
  fi
  # The Vulkan loader and GLVND for WebGPU (Dawn): VULKAN_DEBS="libvulkan1_*.deb libglvnd0_*.deb …" (`apt-get
  # download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2`), unpacked (VULKAN_DEB: one file, as before).
  for deb in ${VULKAN_DEBS:-} ${VULKAN_DEB:-}; do dpkg-deb -x "$deb" "$DEST/vulkan"; done
  tar -C "$(dirname "$DEST")" -cJf "$DEST.tar.xz" "$(basename "$DEST")"
  echo "packed $(du -sh "$DEST" | cut -f1) into $DEST.tar.xz: $(du -b "$DEST.tar.xz" | awk '{printf "%.1f MiB", $1/1048576}') (limit 64 MiB)"
  exit 0
fi

[[ -f "$LM/dist/index.js" ]] || { echo "gpu-check: $LM/dist is missing; run 'npx -y pnpm@10.34.9 --filter @nlpkit/lm build' first" >&2; exit 2; }
# WebGPU needs libvulkan.so.1 (the carried, unpacked libvulkan1 under <carry>/vulkan, or $VULKAN_DIR) and an ICD
# for the GPU: the NVIDIA driver's json when installed, else one written here pointing at libGLX_nvidia.so.0.
VK="${VULKAN_DIR:-$(cd "$LM/../.." && pwd)/vulkan/usr/lib/x86_64-linux-gnu}"
if [[ -d "$VK" ]]; then export LD_LIBRARY_PATH="$VK${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
# A driver mounted under /usr/local/nvidia (the lent H200 machines) keeps its json there, where the loader does not look.
NV_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [[ -f "$NV_ICD" && -z "${VK_DRIVER_FILES:-}" ]]; then
  export VK_ICD_FILENAMES="$NV_ICD" VK_DRIVER_FILES="$NV_ICD"
elif ! ls /usr/share/vulkan/icd.d/*nvidia* /etc/vulkan/icd.d/*nvidia* >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q libGLX_nvidia.so.0; then
  ICD="$(mktemp -d)/nvidia_icd.json"
  echo '{"file_format_version":"1.0.0","ICD":{"library_path":"libGLX_nvidia.so.0","api_version":"1.3"}}' > "$ICD"
  export VK_ICD_FILENAMES="$ICD" VK_DRIVER_FILES="$ICD"
fi
echo "gpu-check on $(uname -m) $(nproc) cores, node $(node -v), load: $(cut -d' ' -f1-3 /proc/loadavg)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "(no nvidia-smi)"
exec node "$HERE/gpu-check.mjs" "$@"
