/**
 * Embedding spaces as this folder sees them: `{ words, vectors, dim }` with rows at `i * dim`, most frequent
 * word first (the order word2vec, fastText and MUSE write). `KeyedVectors` from @nlpkit/embed fits as is.
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';

export interface EmbeddingSpace {
  readonly words: readonly string[];
  /** Row-major, `words.length * dim` floats. */
  readonly vectors: Float32Array;
  readonly dim: number;
}

export function checkSpace(name: string, s: EmbeddingSpace): number {
  if (!Number.isInteger(s.dim) || s.dim < 1) throw new InvalidOptionError(`${name}.dim`, s.dim, 'a positive integer');
  if (s.vectors.length !== s.words.length * s.dim) {
    throw new DimensionMismatchError(`${name}.vectors (${s.words.length} words × ${s.dim})`, s.words.length * s.dim, s.vectors.length);
  }
  return s.words.length;
}

/** A word → row index map (first occurrence wins); built once per space at the API edge, never in a hot loop. */
export function wordIndex(s: EmbeddingSpace): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.words.length; i++) if (!m.has(s.words[i])) m.set(s.words[i], i);
  return m;
}

/** Scale every row to unit length in place (zero rows stay zero). */
export function normalizeRows(x: Float32Array, d: number): Float32Array {
  for (let o = 0; o < x.length; o += d) {
    let s = 0;
    for (let t = 0; t < d; t++) s += x[o + t] * x[o + t];
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let t = 0; t < d; t++) x[o + t] *= inv;
    }
  }
  return x;
}

/** Subtract the column means in place. */
export function centerColumns(x: Float32Array, d: number): Float32Array {
  const n = x.length / d;
  if (n === 0) return x;
  const mean = new Float64Array(d);
  for (let o = 0; o < x.length; o += d) for (let t = 0; t < d; t++) mean[t] += x[o + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  for (let o = 0; o < x.length; o += d) for (let t = 0; t < d; t++) x[o + t] -= mean[t];
  return x;
}

/** The first `n` rows (a copy). */
export function headRows(x: Float32Array, d: number, n: number): Float32Array {
  return x.slice(0, Math.min(n, x.length / d) * d);
}

/** Rows `ids` gathered into a new matrix. */
export function gatherRows(x: Float32Array, d: number, ids: ArrayLike<number>): Float32Array {
  const out = new Float32Array(ids.length * d);
  for (let i = 0; i < ids.length; i++) out.set(x.subarray(ids[i] * d, ids[i] * d + d), i * d);
  return out;
}
