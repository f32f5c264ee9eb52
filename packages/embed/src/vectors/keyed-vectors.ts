/**
 * `KeyedVectors`: words and their vectors in one contiguous Float32Array (row i = word i), the shape every
 * trainer, reader and query in this package shares. Words are ordered as given (trainers and files give
 * them by descending frequency, which `restrictVocab`-style evaluation relies on).
 *
 * Queries follow gensim 4.2's `KeyedVectors` (most_similar, most_similar_cosmul, doesnt_match,
 * similarity, similar_by_vector) over a unit-normalized copy of the matrix, computed once, lazily.
 */
import { DimensionMismatchError, InvalidOptionError, UnknownWordsError } from '../errors.js';
import { dot, scoreRows } from './dot.kernel.js';
import { TopK } from './top-k.js';

export interface KeyedVectorsOptions {
  /** Corpus counts per word (same order as `words`), when known. */
  counts?: ArrayLike<number>;
}

/** A query term: a word, or a raw vector (used as is, not normalized, as gensim does). */
export type QueryTerm = string | ArrayLike<number>;

export interface QueryOptions {
  /** How many neighbours to return. Default 10. */
  topN?: number;
  /** Search only the first N words (the most frequent in a frequency-sorted vocabulary). Default: all. */
  restrictVocab?: number;
}

/** One result of a neighbour query. */
export interface Neighbor {
  word: string;
  /** Row of `word`. */
  index: number;
  /** Cosine similarity (3CosAdd), or the 3CosMul objective for `mostSimilarCosMul`. */
  similarity: number;
}

export class KeyedVectors {
  readonly words: readonly string[];
  readonly dim: number;
  /** Row-major, `words.length * dim` floats. */
  readonly vectors: Float32Array;
  readonly counts: Float64Array | undefined;
  private readonly index: Map<string, number>;
  private unit: Float32Array | undefined;
  private scratch: Float64Array | undefined;

  constructor(words: readonly string[], vectors: Float32Array, dim: number, options: KeyedVectorsOptions = {}) {
    if (!Number.isInteger(dim) || dim < 1) throw new InvalidOptionError('dim', dim, 'a positive integer');
    if (vectors.length !== words.length * dim) {
      throw new DimensionMismatchError('vectors', words.length * dim, vectors.length);
    }
    this.words = words;
    this.dim = dim;
    this.vectors = vectors;
    this.counts = options.counts ? Float64Array.from(options.counts) : undefined;
    this.index = new Map();
    for (let i = 0; i < words.length; i++) if (!this.index.has(words[i])) this.index.set(words[i], i);
  }

  get size(): number {
    return this.words.length;
  }

  /** The row of `word`, or -1. */
  indexOf(word: string): number {
    return this.index.get(word) ?? -1;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The vector of `word` (a view into `vectors`, not a copy), or undefined. */
  get(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    return i === undefined ? undefined : this.vectors.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Every vector scaled to unit length (zero vectors stay zero), computed on first use and kept. */
  get normalized(): Float32Array {
    if (this.unit === undefined) {
      const { vectors, dim } = this;
      const unit = new Float32Array(vectors.length);
      for (let o = 0; o < vectors.length; o += dim) {
        const n = Math.sqrt(dot(vectors, o, vectors, o, dim));
        if (n > 0) for (let k = 0; k < dim; k++) unit[o + k] = vectors[o + k] / n;
      }
      this.unit = unit;
    }
    return this.unit;
  }

  /** Rows of `words`, or an `UnknownWordsError` naming every word not in the vocabulary. */
  indicesOf(words: readonly string[]): number[] {
    const ids = words.map((w) => this.indexOf(w));
    const missing = words.filter((_, i) => ids[i] < 0);
    if (missing.length > 0) throw new UnknownWordsError(missing);
    return ids;
  }

  /** Cosine similarity of two words (gensim's `similarity`). */
  similarity(w1: string, w2: string): number {
    const [a, b] = this.indicesOf([w1, w2]);
    return dot(this.normalized, a * this.dim, this.normalized, b * this.dim, this.dim);
  }

  /**
   * The words closest to the mean of the unit vectors of `positive` minus those of `negative` (3CosAdd:
   * gensim's `most_similar`), query words excluded.
   * @example kv.mostSimilar(['king', 'woman'], ['man'], { topN: 1 })   // [{ word: 'queen', … }]
   */
  mostSimilar(positive: readonly QueryTerm[], negative: readonly QueryTerm[] = [], options: QueryOptions = {}): Neighbor[] {
    const topN = this.topN(options);
    if (positive.length + negative.length === 0) throw new InvalidOptionError('positive', [], 'at least one word or vector');
    const terms = [...positive, ...negative];
    const exclude = this.termIndices(terms);
    const mean = new Float64Array(this.dim);
    let total = 0;
    terms.forEach((t, j) => {
      const w = j < positive.length ? 1 : -1;
      total += 1;
      if (typeof t === 'string') {
        const o = exclude[j] * this.dim;
        for (let k = 0; k < this.dim; k++) mean[k] += w * this.normalized[o + k];
      } else {
        for (let k = 0; k < this.dim; k++) mean[k] += w * t[k];
      }
    });
    for (let k = 0; k < this.dim; k++) mean[k] /= total;
    return this.nearest(unitVector(mean), topN, this.restrict(options), exclude.filter((i) => i >= 0));
  }

  /** The words closest to a raw vector (gensim's `similar_by_vector`); nothing is excluded. */
  similarByVector(vector: ArrayLike<number>, options: QueryOptions = {}): Neighbor[] {
    this.checkDim(vector, 'the query vector');
    return this.nearest(unitVector(Float64Array.from(vector)), this.topN(options), this.restrict(options), []);
  }

  /** The words closest to `word`, itself excluded (gensim's `similar_by_word`). */
  similarByWord(word: string, options: QueryOptions = {}): Neighbor[] {
    return this.mostSimilar([word], [], options);
  }

  /**
   * 3CosMul (Levy & Goldberg 2014; gensim's `most_similar_cosmul`): the product of the shifted cosines
   * (1 + cos) / 2 to `positive` over the product of those to `negative` plus 1e-6. Unlike gensim 4.2,
   * which ignores it here, `restrictVocab` is honoured.
   */
  mostSimilarCosMul(positive: readonly QueryTerm[], negative: readonly QueryTerm[] = [], options: QueryOptions = {}): Neighbor[] {
    const topN = this.topN(options);
    if (positive.length === 0) throw new InvalidOptionError('positive', [], 'at least one word or vector');
    const terms = [...positive, ...negative];
    const ids = this.termIndices(terms);
    const rows = this.restrict(options);
    const num = new Float64Array(rows).fill(1);
    const den = new Float64Array(rows).fill(1);
    const scores = this.scores(rows);
    const q = new Float64Array(this.dim);
    terms.forEach((t, j) => {
      if (typeof t === 'string') for (let k = 0; k < this.dim; k++) q[k] = this.normalized[ids[j] * this.dim + k];
      else for (let k = 0; k < this.dim; k++) q[k] = t[k];
      scoreRows(this.normalized, this.dim, rows, q, scores);
      const into = j < positive.length ? num : den;
      for (let i = 0; i < rows; i++) into[i] *= (1 + scores[i]) / 2;
    });
    const exclude = ids.filter((i) => i >= 0);
    const top = new TopK(topN + exclude.length);
    for (let i = 0; i < rows; i++) top.push(i, num[i] / (den[i] + 1e-6));
    return this.collect(top, exclude, topN);
  }

  /**
   * The word farthest from the mean of the unit vectors of `words` (gensim's `doesnt_match`; unknown
   * words are an error here, where gensim drops them with a warning).
   */
  doesntMatch(words: readonly string[]): string {
    if (words.length === 0) throw new InvalidOptionError('words', [], 'at least one word');
    const ids = this.indicesOf(words);
    const unit = this.normalized;
    const mean = new Float64Array(this.dim);
    for (const i of ids) for (let k = 0; k < this.dim; k++) mean[k] += unit[i * this.dim + k];
    const m = unitVector(mean);
    // gensim sorts (similarity, word) pairs and takes the smallest: ties go to the smaller word. Its
    // similarities are float32: rounding ours keeps exact ties (two words are always tied) tied.
    let worst = -1;
    let worstScore = Infinity;
    ids.forEach((i, j) => {
      const s = Math.fround(dot(unit, i * this.dim, m, 0, this.dim));
      if (s < worstScore || (s === worstScore && words[j] < words[worst])) {
        worst = j;
        worstScore = s;
      }
    });
    return words[worst];
  }

  /** Top `topN` rows of [0, rows) by cosine to the unit vector `q`, skipping `exclude`. */
  private nearest(q: Float64Array, topN: number, rows: number, exclude: readonly number[]): Neighbor[] {
    const scores = this.scores(rows);
    scoreRows(this.normalized, this.dim, rows, q, scores);
    // gensim takes topn + len(query words) best, drops the query words, keeps topn.
    const top = new TopK(topN + exclude.length);
    for (let i = 0; i < rows; i++) if (scores[i] > top.threshold || top.size < top.k) top.push(i, scores[i]);
    return this.collect(top, exclude, topN);
  }

  private collect(top: TopK, exclude: readonly number[], topN: number): Neighbor[] {
    const { ids, scores } = top.sorted();
    const out: Neighbor[] = [];
    for (let j = 0; j < ids.length && out.length < topN; j++) {
      if (exclude.includes(ids[j])) continue;
      out.push({ word: this.words[ids[j]], index: ids[j], similarity: scores[j] });
    }
    return out;
  }

  private scores(rows: number): Float64Array {
    if (this.scratch === undefined || this.scratch.length < rows) this.scratch = new Float64Array(this.size);
    return this.scratch.subarray(0, rows);
  }

  /** Rows of the word terms (-1 for vectors); unknown words and vectors of the wrong size throw. */
  private termIndices(terms: readonly QueryTerm[]): number[] {
    const missing = terms.filter((t): t is string => typeof t === 'string' && !this.has(t));
    if (missing.length > 0) throw new UnknownWordsError(missing);
    return terms.map((t, j) => {
      if (typeof t === 'string') return this.indexOf(t);
      this.checkDim(t, `query vector #${j + 1}`);
      return -1;
    });
  }

  private checkDim(v: ArrayLike<number>, what: string): void {
    if (v.length !== this.dim) throw new DimensionMismatchError(what, this.dim, v.length);
  }

  private topN(options: QueryOptions): number {
    const n = options.topN ?? 10;
    if (!Number.isInteger(n) || n < 0) throw new InvalidOptionError('topN', n, 'a non-negative integer');
    return n;
  }

  private restrict(options: QueryOptions): number {
    const r = options.restrictVocab;
    if (r === undefined || r === 0) return this.size;
    if (!Number.isInteger(r) || r < 0) throw new InvalidOptionError('restrictVocab', r, 'a non-negative integer');
    return Math.min(r, this.size);
  }
}

/** `v` scaled to unit length in place (a zero vector stays zero, as gensim's `unitvec`). */
export function unitVector(v: Float64Array): Float64Array {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  const n = Math.sqrt(s);
  if (n > 0) for (let k = 0; k < v.length; k++) v[k] /= n;
  return v;
}
