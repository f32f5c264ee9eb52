/**
 * The hot loop: one sentence (word ids, subsampling already done) through one of the four models.
 * Numbers in, nothing allocated; the sentence driver (`shard.ts`) calls it once per sentence, and the
 * vector arithmetic goes to `VectorOps` (WebAssembly SIMD, or JavaScript). Follows word2vec C's
 * TrainModelThread: the window is shrunk by b ~ U[0, window); skip-gram predicts the centre word from
 * each context word's input vector (syn0[context]); CBOW from the mean of the context vectors, whose
 * error is added whole to each of them (word2vec's cbow_mean); negatives come from the alias table,
 * `</s>` redrawn uniformly, the target itself skipped; outputs are clipped as word2vec C clips them
 * (|f| > 6: ns takes the saturated gradient, hs skips the node). The random generator is a 32-bit
 * xorshift held in a local.
 * The four kernels repeat their window, xorshift and sigmoid blocks on purpose: the generator state,
 * loss and prediction count stay locals V8 keeps in registers, where a shared helper would have to
 * carry them through an object or a returned tuple on every prediction.
 */
import { EXP_SCALE, MAX_EXP } from './sigmoid.js';
import type { VectorOps } from './vector-ops.js';

export interface KernelState {
  ops: VectorOps;
  /** Row length in the heap (dim padded to 4). */
  stride: number;
  window: number;
  negative: number;
  vocabSize: number;
  /** Heap index of syn0 row 0, of syn1 row 0 (Huffman inner nodes for hs, output vectors for ns). */
  syn0: number;
  syn1: number;
  /** Heap indices of this thread's scratch rows. */
  neu1: number;
  neu1e: number;
  sigmoid: Float64Array;
  lossPos: Float64Array;
  lossNeg: Float64Array;
  alias: Int32Array;
  codes: Uint8Array;
  points: Int32Array;
  codeLengths: Uint8Array;
  codeStride: number;
  /** xorshift32 state, never 0. */
  rng: number;
  /** Loss summed over predictions, and their number. */
  lossSum: number;
  predictions: number;
}

export type SentenceKernel = (s: KernelState, sen: Int32Array, len: number, alpha: number) => void;

const INV_2_32 = 2.3283064365386963e-10;

export const sgNs: SentenceKernel = (s, sen, len, alpha) => {
  const { stride: n, window, negative, syn0, syn1, neu1e, sigmoid, lossPos, lossNeg, alias } = s;
  const { dot, step, add, zero } = s.ops;
  const nWords = s.vocabSize;
  let r = s.rng;
  let loss = 0;
  let preds = 0;
  for (let pos = 0; pos < len; pos++) {
    const word = sen[pos]!;
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    const span = window - ((r >>> 0) % window);
    const lo = pos - span < 0 ? 0 : pos - span;
    const hi = pos + span >= len ? len - 1 : pos + span;
    for (let c = lo; c <= hi; c++) {
      if (c === pos) continue;
      const l1 = syn0 + sen[c]! * n;
      zero(neu1e, n);
      for (let d = 0; d <= negative; d++) {
        let target = word;
        let label = 1;
        if (d > 0) {
          r ^= r << 13;
          r ^= r >>> 17;
          r ^= r << 5;
          const m = (r >>> 0) * nWords;
          const col = Math.floor(m * INV_2_32);
          target = m - col * 4294967296 < alias[2 * col]! >>> 0 ? col : alias[2 * col + 1]!;
          if (target === 0) {
            r ^= r << 13;
            r ^= r >>> 17;
            r ^= r << 5;
            target = ((r >>> 0) % (nWords - 1)) + 1;
          }
          if (target === word) continue;
          label = 0;
        }
        const l2 = syn1 + target * n;
        const f = dot(l1, l2, n);
        let g: number;
        if (f > MAX_EXP) {
          g = (label - 1) * alpha;
          if (label === 0) loss += f;
        } else if (f < -MAX_EXP) {
          g = label * alpha;
          if (label === 1) loss -= f;
        } else {
          const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
          g = (label - sigmoid[i]!) * alpha;
          loss += label === 1 ? lossPos[i]! : lossNeg[i]!;
        }
        preds++;
        if (g !== 0) step(neu1e, l2, l1, g, n);
      }
      add(l1, neu1e, n);
    }
  }
  s.rng = r;
  s.lossSum += loss;
  s.predictions += preds;
};

export const sgHs: SentenceKernel = (s, sen, len, alpha) => {
  const { stride: n, window, syn0, syn1, neu1e, sigmoid, lossPos, lossNeg, codes, points, codeLengths, codeStride } = s;
  const { dot, step, add, zero } = s.ops;
  let r = s.rng;
  let loss = 0;
  let preds = 0;
  for (let pos = 0; pos < len; pos++) {
    const word = sen[pos]!;
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    const span = window - ((r >>> 0) % window);
    const lo = pos - span < 0 ? 0 : pos - span;
    const hi = pos + span >= len ? len - 1 : pos + span;
    const base = word * codeStride;
    const codeLen = codeLengths[word]!;
    for (let c = lo; c <= hi; c++) {
      if (c === pos) continue;
      const l1 = syn0 + sen[c]! * n;
      zero(neu1e, n);
      for (let d = 0; d < codeLen; d++) {
        const l2 = syn1 + points[base + d]! * n;
        const f = dot(l1, l2, n);
        const code = codes[base + d]!;
        preds++;
        if (f <= -MAX_EXP || f >= MAX_EXP) {
          // Saturated: word2vec C skips the node; the loss is ~|f| when on the wrong side.
          if ((f > 0) === (code === 1)) loss += f > 0 ? f : -f;
          continue;
        }
        const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
        loss += code === 0 ? lossPos[i]! : lossNeg[i]!;
        step(neu1e, l2, l1, (1 - code - sigmoid[i]!) * alpha, n);
      }
      add(l1, neu1e, n);
    }
  }
  s.rng = r;
  s.lossSum += loss;
  s.predictions += preds;
};

export const cbowNs: SentenceKernel = (s, sen, len, alpha) => {
  const { stride: n, window, negative, syn0, syn1, neu1, neu1e, sigmoid, lossPos, lossNeg, alias } = s;
  const { dot, step, add, scale, zero } = s.ops;
  const nWords = s.vocabSize;
  let r = s.rng;
  let loss = 0;
  let preds = 0;
  for (let pos = 0; pos < len; pos++) {
    const word = sen[pos]!;
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    const span = window - ((r >>> 0) % window);
    const lo = pos - span < 0 ? 0 : pos - span;
    const hi = pos + span >= len ? len - 1 : pos + span;
    if (hi === lo) continue; // no context
    zero(neu1, n);
    for (let c = lo; c <= hi; c++) if (c !== pos) add(neu1, syn0 + sen[c]! * n, n);
    scale(neu1, 1 / (hi - lo), n);
    zero(neu1e, n);
    for (let d = 0; d <= negative; d++) {
      let target = word;
      let label = 1;
      if (d > 0) {
        r ^= r << 13;
        r ^= r >>> 17;
        r ^= r << 5;
        const m = (r >>> 0) * nWords;
        const col = Math.floor(m * INV_2_32);
        target = m - col * 4294967296 < alias[2 * col]! >>> 0 ? col : alias[2 * col + 1]!;
        if (target === 0) {
          r ^= r << 13;
          r ^= r >>> 17;
          r ^= r << 5;
          target = ((r >>> 0) % (nWords - 1)) + 1;
        }
        if (target === word) continue;
        label = 0;
      }
      const l2 = syn1 + target * n;
      const f = dot(neu1, l2, n);
      let g: number;
      if (f > MAX_EXP) {
        g = (label - 1) * alpha;
        if (label === 0) loss += f;
      } else if (f < -MAX_EXP) {
        g = label * alpha;
        if (label === 1) loss -= f;
      } else {
        const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
        g = (label - sigmoid[i]!) * alpha;
        loss += label === 1 ? lossPos[i]! : lossNeg[i]!;
      }
      preds++;
      if (g !== 0) step(neu1e, l2, neu1, g, n);
    }
    for (let c = lo; c <= hi; c++) if (c !== pos) add(syn0 + sen[c]! * n, neu1e, n);
  }
  s.rng = r;
  s.lossSum += loss;
  s.predictions += preds;
};

export const cbowHs: SentenceKernel = (s, sen, len, alpha) => {
  const { stride: n, window, syn0, syn1, neu1, neu1e, sigmoid, lossPos, lossNeg, codes, points, codeLengths, codeStride } = s;
  const { dot, step, add, scale, zero } = s.ops;
  let r = s.rng;
  let loss = 0;
  let preds = 0;
  for (let pos = 0; pos < len; pos++) {
    const word = sen[pos]!;
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    const span = window - ((r >>> 0) % window);
    const lo = pos - span < 0 ? 0 : pos - span;
    const hi = pos + span >= len ? len - 1 : pos + span;
    if (hi === lo) continue;
    zero(neu1, n);
    for (let c = lo; c <= hi; c++) if (c !== pos) add(neu1, syn0 + sen[c]! * n, n);
    scale(neu1, 1 / (hi - lo), n);
    zero(neu1e, n);
    const base = word * codeStride;
    const codeLen = codeLengths[word]!;
    for (let d = 0; d < codeLen; d++) {
      const l2 = syn1 + points[base + d]! * n;
      const f = dot(neu1, l2, n);
      const code = codes[base + d]!;
      preds++;
      if (f <= -MAX_EXP || f >= MAX_EXP) {
        if ((f > 0) === (code === 1)) loss += f > 0 ? f : -f;
        continue;
      }
      const i = ((f + MAX_EXP) * EXP_SCALE) | 0;
      loss += code === 0 ? lossPos[i]! : lossNeg[i]!;
      step(neu1e, l2, neu1, (1 - code - sigmoid[i]!) * alpha, n);
    }
    for (let c = lo; c <= hi; c++) if (c !== pos) add(syn0 + sen[c]! * n, neu1e, n);
  }
  s.rng = r;
  s.lossSum += loss;
  s.predictions += preds;
};

export function kernelFor(model: 'sg' | 'cbow', loss: 'ns' | 'hs'): SentenceKernel {
  if (model === 'sg') return loss === 'ns' ? sgNs : sgHs;
  return loss === 'ns' ? cbowNs : cbowHs;
}
