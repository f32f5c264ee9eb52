/** Synthetic bilingual spaces for the mapping tests: a clustered source space and a rotated, noisy copy. */
import { determinant, Matrix } from 'ml-matrix';
import { Rng } from '../src/random.js';
import { orthogonalFactor } from '../src/mapping/linalg.js';
import type { EmbeddingSpace } from '../src/mapping/space.js';

/** n words × d dims: `clusters` Gaussian centres plus per-word noise; rows in "frequency" order (w0 most frequent). */
export function clusteredSpace(n: number, d: number, seed: number, clusters = 20, spread = 0.6): EmbeddingSpace {
  const rng = new Rng(seed);
  const centres = Float32Array.from({ length: clusters * d }, () => rng.normal());
  const v = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    // Zipf-ish cluster sizes: low cluster ids are more common.
    const c = Math.min(clusters - 1, Math.floor(clusters * rng.next() ** 2));
    for (let t = 0; t < d; t++) v[i * d + t] = centres[c * d + t] + spread * rng.normal();
  }
  return { words: Array.from({ length: n }, (_, i) => `w${i}`), vectors: v, dim: d };
}

/** A random rotation (determinant +1, so it is reachable from the identity by a continuous path). */
export function randomOrthogonal(d: number, seed: number, near?: number): Float32Array {
  const rng = new Rng(seed);
  // With `near`, the polar factor of I + near·G: a rotation by a smaller angle, the larger `near` the farther.
  const g = Float64Array.from({ length: d * d }, (_, i) => (near === undefined ? rng.normal() : near * rng.normal() + (i % (d + 1) === 0 ? 1 : 0)));
  const q = Float32Array.from(orthogonalFactor(g, d));
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, q[i * d + j]);
  if (determinant(m) < 0) for (let i = 0; i < d; i++) q[i * d] = -q[i * d];
  return q;
}

export interface Bilingual {
  src: EmbeddingSpace;
  tgt: EmbeddingSpace;
  /** The true rotation: tgt ≈ src · rotation (before noise). */
  rotation: Float32Array;
  /** perm[i] = target row of source row i. */
  perm: Int32Array;
}

/**
 * Target = source · Q + noise, words renamed `t<i>`, and rows shuffled within windows of `window` ranks, so
 * frequency ranks roughly agree (as across real languages) but row i is not the translation of row i.
 */
export function rotatedPair(src: EmbeddingSpace, seed: number, noise = 0.05, window = 8, near?: number): Bilingual {
  const d = src.dim;
  const n = src.words.length;
  const rng = new Rng(seed);
  const q = randomOrthogonal(d, seed + 1, near);
  const perm = new Int32Array(n).map((_, i) => i);
  for (let s = 0; s < n; s += window) {
    const e = Math.min(n, s + window);
    for (let i = e - 1; i > s; i--) {
      const j = s + rng.int(i - s + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }
  let scale = 0;
  for (let i = 0; i < src.vectors.length; i++) scale += src.vectors[i] * src.vectors[i];
  scale = Math.sqrt(scale / n / d);
  const v = new Float32Array(n * d);
  const words = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = perm[i];
    words[r] = `t${i}`;
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += src.vectors[i * d + t] * q[t * d + c];
      v[r * d + c] = s + noise * scale * rng.normal();
    }
  }
  return { src, tgt: { words, vectors: v, dim: d }, rotation: q, perm };
}

/** MUSE-format text of the true pairs of source rows `from` … `to` − 1. */
export function trueDictionary(from: number, to: number): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) lines.push(`w${i} t${i}`);
  return lines.join('\n') + '\n';
}
