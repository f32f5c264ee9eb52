/**
 * The five vector operations of the inner loop (dot, the fused gradient step, add, scale, zero) over
 * one heap of floats that holds the weights and every worker's scratch rows, addressed by float index.
 * Two implementations: WebAssembly SIMD (`vector-ops.wat`, 4 floats an instruction, the heap a shared
 * `WebAssembly.Memory`) and plain JavaScript over a Float32Array (the fallback when WebAssembly SIMD is
 * missing or the heap exceeds 4 GiB, and the reference the tests compare it with).
 *
 * Performance notes (words per CPU-second, 1 thread, dim 100, first 20 MB of wiki-en-17m; bench/word2vec.ts):
 * with these SIMD ops sg+ns 199k, sg+hs 294k, cbow+ns 654k, cbow+hs 713k, against word2vec C
 * (-O3 -march=native) 82k, 199k, 281k, 362k in the same run. The JavaScript ops (doubles over a
 * Float32Array) reached 72k on sg+ns where C made 101k, and 285k on cbow+hs against C's 360k (2 MB
 * slice): the SIMD ops are what puts us ahead. Why C is slower: without -ffast-math its dot product
 * is one chain of dependent scalar float adds; ours has 8 independent lanes. The loop control, sampling
 * and sigmoid stay in JavaScript (`kernel.ts`), calling these functions once per row.
 */
import { VECTOR_OPS_WASM } from './vector-ops.wasm.js';
import { WebAssembly, type WasmMemory, type WasmModule } from './wasm-api.js';

export type { WasmMemory };

export interface VectorOps {
  /** Σ heap[a+k]·heap[b+k], k < n. */
  dot(a: number, b: number, n: number): number;
  /** heap[err+k] += g·heap[out+k]; heap[out+k] += g·heap[inp+k] (the old out in the first). */
  step(err: number, out: number, inp: number, g: number, n: number): void;
  /** heap[dst+k] += heap[src+k]. */
  add(dst: number, src: number, n: number): void;
  /** heap[dst+k] *= s. */
  scale(dst: number, s: number, n: number): void;
  /** heap[dst+k] = 0. */
  zero(dst: number, n: number): void;
}

/** Rows are padded to a multiple of 4 floats (one SIMD vector); the padding stays 0. */
export function paddedDim(dim: number): number {
  return (dim + 3) & ~3;
}

/** The heap: shared memory for the weights, WebAssembly's when it can be. */
export interface Heap {
  buffer: SharedArrayBuffer;
  /** Set when the heap is a WebAssembly memory (then the SIMD ops can run on it). */
  memory?: WasmMemory;
}

const PAGE = 65536;
const MAX_WASM_PAGES = 65536;
let wasmBytes: Uint8Array | undefined;
let wasmModule: WasmModule | undefined;

function vectorOpsModule(): WasmModule | undefined {
  if (wasmModule === undefined) {
    wasmBytes ??= Uint8Array.from(Buffer.from(VECTOR_OPS_WASM, 'base64'));
    if (!WebAssembly.validate(wasmBytes)) return undefined;
    wasmModule = new WebAssembly.Module(wasmBytes);
  }
  return wasmModule;
}

/** A zeroed heap of `floats` floats; `useWasm: false` forces a plain SharedArrayBuffer. */
export function allocateHeap(floats: number, useWasm = true): Heap {
  const bytes = floats * 4;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (useWasm && pages <= MAX_WASM_PAGES && vectorOpsModule() !== undefined) {
    try {
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      return { buffer: memory.buffer as unknown as SharedArrayBuffer, memory };
    } catch {
      // Not enough address space for a WebAssembly memory: fall through to a plain buffer.
    }
  }
  return { buffer: new SharedArrayBuffer(pages * PAGE) };
}

/** The fastest ops the heap allows. */
export function vectorOpsFor(heap: Heap): VectorOps {
  const mod = heap.memory ? vectorOpsModule() : undefined;
  if (heap.memory && mod) {
    const instance = new WebAssembly.Instance(mod, { env: { memory: heap.memory } });
    return instance.exports as unknown as VectorOps;
  }
  return jsVectorOps(new Float32Array(heap.buffer));
}

export function jsVectorOps(heap: Float32Array): VectorOps {
  return {
    dot(a, b, n) {
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < n; k += 2) {
        s0 += heap[a + k]! * heap[b + k]!;
        s1 += heap[a + k + 1]! * heap[b + k + 1]!;
      }
      return s0 + s1;
    },
    step(err, out, inp, g, n) {
      for (let k = 0; k < n; k++) {
        const o = heap[out + k]!;
        heap[err + k] += g * o;
        heap[out + k] = o + g * heap[inp + k]!;
      }
    },
    add(dst, src, n) {
      for (let k = 0; k < n; k++) heap[dst + k] += heap[src + k]!;
    },
    scale(dst, s, n) {
      for (let k = 0; k < n; k++) heap[dst + k] *= s;
    },
    zero(dst, n) {
      heap.fill(0, dst, dst + n);
    },
  };
}
