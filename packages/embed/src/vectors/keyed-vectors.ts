/**
 * `KeyedVectors`: words and their vectors in one contiguous Float32Array (row i = word i), the shape every
 * trainer, reader and query in this package shares. Words are ordered as given (trainers and files give
 * them by descending frequency, which `restrictVocab`-style evaluation relies on).
 */
import { DimensionMismatchError, InvalidOptionError } from '../errors.js';

export interface KeyedVectorsOptions {
  /** Corpus counts per word (same order as `words`), when known. */
  counts?: ArrayLike<number>;
}

export class KeyedVectors {
  readonly words: readonly string[];
  readonly dim: number;
  /** Row-major, `words.length * dim` floats. */
  readonly vectors: Float32Array;
  readonly counts: Float64Array | undefined;
  private readonly index: Map<string, number>;

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
}
