/**
 * The GloVe hot loop: one AdaGrad step per co-occurrence record, as glove.c's glove_thread, in float64
 * (glove.c's `real` is double). Two implementations over one heap (`GloveHeap`: W, then gradsq, then a
 * scratch area per thread): WebAssembly SIMD (`glove-kernel.wat`, two doubles an instruction, the heap a
 * shared `WebAssembly.Memory`) and plain JavaScript (the fallback when WebAssembly SIMD is missing or
 * the heap exceeds 4 GiB). Both do the same operations in the same order — the dot product summed in four
 * lanes (k mod 4), ((s0 + s2) + (s1 + s3)), then an odd tail — so they agree bit for bit (tested).
 * glove.c sums its dot product in one serial chain; ours differs from it in the last bits.
 *
 * Why WebAssembly: glove.c's loop is scalar (its sums keep -O3 from vectorising without -ffast-math);
 * the JS loop was 0.87–0.90× its speed, the f64x2 kernel overtakes it (bench/glove.ts). log x and
 * f(x) = min(1, (x / xMax)^alpha) stay in JavaScript (Math.log, Math.pow), once per record.
 */
import { GLOVE_KERNEL_WASM } from './glove-kernel.wasm.js';
import { WebAssembly, type WasmMemory, type WasmModule } from '../train/wasm-api.js';

export interface KernelParams {
  dim: number;
  vocabSize: number;
  xMax: number;
  alpha: number;
  eta: number;
  gradClip: number;
}

type WasmTrain = (recs: number, fl: number, count: number, W: number, delta: number, dim: number, V: number, eta: number, clip: number) => number;

/** Records a block holds (the scratch area of a thread: the records, then f(x) and log x for each). */
export const BLOCK_RECORDS = 1 << 16;
const SCRATCH_BYTES = BLOCK_RECORDS * 32;
const PAGE = 65536;
const MAX_WASM_PAGES = 65536;

/**
 * The weights of a run, shared by its threads: W (2V rows of dim + 1 doubles: words, then contexts;
 * the bias last), gradsq (same shape) at `size` doubles after it, then one scratch area per thread.
 * Structured-cloneable (it travels to the workers).
 */
export interface GloveHeap {
  buffer: SharedArrayBuffer;
  /** Set when the heap is a WebAssembly memory (the SIMD kernel can run on it). */
  memory?: WasmMemory;
  /** Doubles in W (and in gradsq). */
  size: number;
  threads: number;
}

let wasmModule: WasmModule | null | undefined;

function kernelModule(): WasmModule | undefined {
  if (wasmModule === undefined) {
    const bytes = Uint8Array.from(Buffer.from(GLOVE_KERNEL_WASM, 'base64'));
    wasmModule = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return wasmModule ?? undefined;
}

/** A zeroed heap for `vocabSize` words; `useWasm: false` forces a plain SharedArrayBuffer (JS kernel). */
export function allocateGloveHeap(vocabSize: number, dim: number, threads: number, useWasm = true): GloveHeap {
  const size = 2 * vocabSize * (dim + 1);
  const bytes = 2 * size * 8 + threads * SCRATCH_BYTES;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (useWasm && pages <= MAX_WASM_PAGES && kernelModule() !== undefined) {
    try {
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      return { buffer: memory.buffer as SharedArrayBuffer, memory, size, threads };
    } catch {
      // No address space for a WebAssembly memory this big: fall through to a plain buffer.
    }
  }
  return { buffer: new SharedArrayBuffer(pages * PAGE), size, threads };
}

export function weightsOf(heap: GloveHeap): { W: Float64Array; gradsq: Float64Array } {
  return { W: new Float64Array(heap.buffer, 0, heap.size), gradsq: new Float64Array(heap.buffer, heap.size * 8, heap.size) };
}

/** Trains one block of CREC records (`ints`: word1 at 4k, word2 at 4k + 1; `reals`: x at 2k + 1). */
export type BlockTrainer = (ints: Int32Array, reals: Float64Array, count: number) => number;

/** Thread `thread`'s trainer on `heap`: the SIMD kernel when the heap is a WebAssembly memory. */
export function blockTrainer(heap: GloveHeap, thread: number, p: KernelParams, useWasm = true): BlockTrainer {
  const mod = useWasm && heap.memory ? kernelModule() : undefined;
  if (!heap.memory || !mod) {
    const { W, gradsq } = weightsOf(heap);
    return (ints, reals, count) => trainRecords(W, gradsq, ints, reals, count, p);
  }
  const train = (new WebAssembly.Instance(mod, { env: { memory: heap.memory } }).exports as { train: WasmTrain }).train;
  const recs = 2 * heap.size * 8 + thread * SCRATCH_BYTES;
  const fl = recs + BLOCK_RECORDS * 16;
  const recInts = new Int32Array(heap.buffer, recs, BLOCK_RECORDS * 4);
  const flReals = new Float64Array(heap.buffer, fl, BLOCK_RECORDS * 2);
  const { xMax, alpha } = p;
  return (ints, reals, count) => {
    let cost = 0;
    for (let from = 0; from < count; from += BLOCK_RECORDS) {
      const n = Math.min(BLOCK_RECORDS, count - from);
      recInts.set(ints.subarray(4 * from, 4 * (from + n)));
      for (let k = 0; k < n; k++) {
        const x = reals[2 * (from + k) + 1]!;
        flReals[2 * k] = x > xMax ? 1 : Math.pow(x / xMax, alpha);
        flReals[2 * k + 1] = Math.log(x);
      }
      cost += train(recs, fl, n, 0, heap.size * 8, p.dim, p.vocabSize, p.eta, p.gradClip);
    }
    return cost;
  };
}

/**
 * The JavaScript kernel: `count` records, W and gradsq as above. Returns Σ ½·f(x)·(wᵀc + b + b̃ − log x)².
 * Mirrors glove-kernel.wat step for step.
 */
export function trainRecords(
  W: Float64Array,
  gradsq: Float64Array,
  ints: Int32Array,
  reals: Float64Array,
  count: number,
  p: KernelParams,
): number {
  const dim = p.dim;
  const row = dim + 1;
  const V = p.vocabSize;
  const { xMax, alpha, eta } = p;
  const clip = p.gradClip;
  const n4 = dim & ~3;
  const n2 = dim & ~1;
  let cost = 0;
  for (let r = 0; r < count; r++) {
    const w1 = ints[4 * r]!;
    const w2 = ints[4 * r + 1]!;
    if (w1 < 1 || w2 < 1 || w1 > V || w2 > V) continue; // glove.c skips ids below 1; past V is outside W
    const x = reals[2 * r + 1]!;
    const l1 = (w1 - 1) * row;
    const l2 = (w2 - 1 + V) * row;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let b = 0;
    for (; b < n4; b += 4) {
      s0 += W[l1 + b]! * W[l2 + b]!;
      s1 += W[l1 + b + 1]! * W[l2 + b + 1]!;
      s2 += W[l1 + b + 2]! * W[l2 + b + 2]!;
      s3 += W[l1 + b + 3]! * W[l2 + b + 3]!;
    }
    if (b < n2) {
      s0 += W[l1 + b]! * W[l2 + b]!;
      s1 += W[l1 + b + 1]! * W[l2 + b + 1]!;
      b += 2;
    }
    let diff = s0 + s2 + (s1 + s3);
    if (b < dim) diff += W[l1 + b]! * W[l2 + b]!;
    diff += W[l1 + dim]! + W[l2 + dim]! - Math.log(x);
    let fdiff = (x > xMax ? 1 : Math.pow(x / xMax, alpha)) * diff;
    if (!Number.isFinite(diff) || !Number.isFinite(fdiff)) continue; // glove.c skips such records
    cost += 0.5 * fdiff * diff;
    // One pass per component: component b of each update reads only component b of the other
    // vector, so updating in place equals glove.c's compute-all-then-apply. (glove.c also skips the
    // step when the summed updates are not finite; they always are: |update| <= gradClip·eta, since
    // gradients are clipped and gradsq starts at 1 and only grows.)
    for (b = 0; b < dim; b++) {
      const a1 = W[l1 + b]!;
      const a2 = W[l2 + b]!;
      let g1 = fdiff * a2;
      let g2 = fdiff * a1;
      g1 = (g1 < -clip ? -clip : g1 > clip ? clip : g1) * eta;
      g2 = (g2 < -clip ? -clip : g2 > clip ? clip : g2) * eta;
      const q1 = gradsq[l1 + b]!;
      const q2 = gradsq[l2 + b]!;
      W[l1 + b] = a1 - g1 / Math.sqrt(q1);
      W[l2 + b] = a2 - g2 / Math.sqrt(q2);
      gradsq[l1 + b] = q1 + g1 * g1;
      gradsq[l2 + b] = q2 + g2 * g2;
    }
    // Biases: glove.c steps them by fdiff / sqrt(gradsq), without eta (its learning rate is 1 there).
    const d1 = fdiff / Math.sqrt(gradsq[l1 + dim]!);
    const d2 = fdiff / Math.sqrt(gradsq[l2 + dim]!);
    if (Number.isFinite(d1)) W[l1 + dim]! -= d1;
    if (Number.isFinite(d2)) W[l2 + dim]! -= d2;
    fdiff *= fdiff;
    gradsq[l1 + dim]! += fdiff;
    gradsq[l2 + dim]! += fdiff;
  }
  return cost;
}
