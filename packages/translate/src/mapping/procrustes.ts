/**
 * Orthogonal Procrustes (Schönemann 1966; MUSE's `procrustes`, VecMap's orthogonal step): the rotation W
 * minimising ‖X W − Y‖ over the dictionary's pairs is U Vᵀ, from the SVD Xᵀ Y = U Σ Vᵀ. Convention here:
 * mappings act on row vectors, `mapped = x · W`.
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';
import { crossProduct, multiply, orthogonalFactor } from './linalg.js';
import { checkSpace, normalizeRows, type EmbeddingSpace } from './space.js';

/** Row-index pairs: (`src[i]`, `tgt[i]`). A `ResolvedDictionary` is one. */
export interface IndexPairs {
  readonly src: ArrayLike<number>;
  readonly tgt: ArrayLike<number>;
}

/** The d × d orthogonal W (row-major) that best maps `src` rows onto their `tgt` rows. */
export function procrustes(src: EmbeddingSpace, tgt: EmbeddingSpace, pairs: IndexPairs): Float32Array {
  checkSpace('source', src);
  checkSpace('target', tgt);
  if (src.dim !== tgt.dim) throw new DimensionMismatchError('target space', src.dim, tgt.dim);
  checkPairs(pairs, src.words.length, tgt.words.length);
  return procrustesRows(src.vectors, tgt.vectors, src.dim, pairs);
}

/** Throws unless `pairs` is non-empty, of equal lengths, with every index a row of its space. */
export function checkPairs(pairs: IndexPairs, nSrc: number, nTgt: number): void {
  if (pairs.src.length !== pairs.tgt.length || pairs.src.length === 0) {
    throw new InvalidOptionError('pairs', `${pairs.src.length} source and ${pairs.tgt.length} target rows`, 'equal, non-zero lengths');
  }
  for (let i = 0; i < pairs.src.length; i++) {
    const a = pairs.src[i];
    const b = pairs.tgt[i];
    if (!(Number.isInteger(a) && a >= 0 && a < nSrc && Number.isInteger(b) && b >= 0 && b < nTgt)) {
      throw new InvalidOptionError(`pairs[${i}]`, [a, b], `rows within ${nSrc} source and ${nTgt} target words`);
    }
  }
}

export function procrustesRows(x: Float32Array, y: Float32Array, d: number, pairs: IndexPairs): Float32Array {
  return Float32Array.from(orthogonalFactor(crossProduct(x, d, y, d, pairs.src, pairs.tgt), d));
}

/** `space` with every row mapped by W (d × d, row-major); rows are re-normalised when `normalize` is set. */
export function applyMapping(space: EmbeddingSpace, w: ArrayLike<number>, o: { normalize?: boolean } = {}): EmbeddingSpace {
  checkSpace('space', space);
  const d = space.dim;
  if (w.length !== d * d) throw new DimensionMismatchError(`mapping (${w.length} values)`, d * d, w.length);
  const v = multiply(space.vectors, d, w, d);
  return { words: space.words, dim: d, vectors: o.normalize ? normalizeRows(v, d) : v };
}
