/**
 * `FastTextModel`: a fastText model in memory — args, dictionary, input matrix (word rows, then `bucket`
 * n-gram rows) and output matrix — with fastText's word vectors: a word's vector is the mean of its own
 * row and its n-gram rows, an unknown word's the mean of its n-gram rows (`FastText::getWordVector`,
 * summed in float32 in fastText's order, so the numbers are fastText's to the bit). Neighbours and
 * analogies go through `KeyedVectors` over the vocabulary's vectors (what `.vec` holds).
 */
import { KeyedVectors, type Neighbor } from '../vectors/index.js';
import type { FastTextArgs } from './args.js';
import { readFastTextBin } from './bin-reader.js';
import { writeFastTextBin } from './bin-writer.js';
import { ENTRY_WORD, type FastTextDictionary } from './dictionary.js';

export class FastTextModel {
  private kv: KeyedVectors | undefined;

  constructor(
    readonly args: FastTextArgs,
    readonly dictionary: FastTextDictionary,
    /** (nwords + bucket) × dim. */
    readonly input: Float32Array,
    /** outputRows × dim. */
    readonly output: Float32Array,
    readonly outputRows: number,
  ) {}

  /**
   * Loads a `.bin` written by fastText (0.9.2; versions 11 and 12) or by `save`.
   * @example const m = await FastTextModel.load('wiki.bin'); m.wordVector('unseenword');
   */
  static async load(path: string): Promise<FastTextModel> {
    const d = await readFastTextBin(path);
    return new FastTextModel(d.args, d.dictionary, d.input, d.output, d.outputRows);
  }

  /** Writes fastText's `.bin` (version 12), atomically. */
  async save(path: string): Promise<void> {
    await writeFastTextBin(path, this.args, this.dictionary, this.input, this.output, this.outputRows);
  }

  get dim(): number {
    return this.args.dim;
  }

  /** The vocabulary (words only, no labels), most frequent first. */
  get words(): readonly string[] {
    return this.dictionary.words.slice(0, this.dictionary.nwords);
  }

  /** The input rows averaged into `word`'s vector: its id (if known), then its n-gram rows. */
  subwordRows(word: string): Int32Array {
    return this.dictionary.subwords(word);
  }

  /**
   * fastText's vector of `word`, known or not (`fasttext print-word-vectors`); zeros when an unknown
   * word has no n-grams (e.g. with `maxn 0`).
   */
  wordVector(word: string, out = new Float32Array(this.dim)): Float32Array {
    return this.averageRows(this.dictionary.subwords(word), out);
  }

  /**
   * fastText's `getSentenceVector` for unsupervised models: the mean of the unit-length vectors of the
   * whitespace-separated words (words with a zero vector are skipped).
   */
  sentenceVector(text: string): Float32Array {
    const out = new Float32Array(this.dim);
    const v = new Float32Array(this.dim);
    let count = 0;
    for (const word of text.split(/[ \t\n\v\f\r]+/)) {
      if (word === '') continue;
      this.wordVector(word, v);
      const norm = Math.fround(Math.sqrt(norm2(v)));
      if (norm > 0) {
        const a = Math.fround(1 / norm);
        for (let j = 0; j < v.length; j++) out[j] += Math.fround(v[j] * a); // fastText scales vec in place, then adds
        count++;
      }
    }
    if (count > 0) {
      const a = Math.fround(1 / count);
      for (let j = 0; j < out.length; j++) out[j] *= a;
    }
    return out;
  }

  /** The vocabulary's word vectors (subword averages), as fastText's `.vec` holds them; computed once. */
  toKeyedVectors(): KeyedVectors {
    if (this.kv) return this.kv;
    const { nwords, subwordRows, subwordStart, counts, types } = this.dictionary;
    const dim = this.dim;
    const data = new Float32Array(nwords * dim);
    for (let i = 0; i < nwords; i++) {
      if (types[i] !== ENTRY_WORD) continue;
      this.averageRows(subwordRows.subarray(subwordStart[i], subwordStart[i + 1]), data.subarray(i * dim, (i + 1) * dim));
    }
    this.kv = new KeyedVectors(this.words, data, dim, { counts: counts.subarray(0, nwords) });
    return this.kv;
  }

  /**
   * fastText's `nn`: the `k` vocabulary words closest (cosine) to `word`'s vector, which may be an unknown
   * word's; the word itself is left out.
   */
  nearestNeighbors(word: string, k = 10): Neighbor[] {
    const kv = this.toKeyedVectors();
    return kv
      .similarByVector(this.wordVector(word), { topN: k + 1 })
      .filter((n) => n.word !== word)
      .slice(0, k);
  }

  /**
   * fastText's `analogies`: `a - b + c` with each vector scaled to unit length (1e-8 added to the norm,
   * as fastText), the query words left out. Unknown words are fine: their n-grams give their vectors.
   */
  analogies(a: string, b: string, c: string, k = 10): Neighbor[] {
    const query = new Float32Array(this.dim);
    const buf = new Float32Array(this.dim);
    for (const [word, sign] of [[a, 1], [b, -1], [c, 1]] as const) {
      this.wordVector(word, buf);
      const scale = Math.fround(sign / (Math.fround(Math.sqrt(norm2(buf))) + 1e-8));
      for (let j = 0; j < buf.length; j++) query[j] += buf[j] * scale;
    }
    const ban = new Set([a, b, c]);
    return this.toKeyedVectors()
      .similarByVector(query, { topN: k + 3 })
      .filter((n) => !ban.has(n.word))
      .slice(0, k);
  }

  /** Float32 sum of the rows in order, times float32(1/n): fastText's arithmetic, bit for bit. */
  private averageRows(rows: Int32Array, out: Float32Array): Float32Array {
    const dim = this.dim;
    const input = this.input;
    out.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * dim;
      for (let j = 0; j < dim; j++) out[j] += input[base + j];
    }
    if (rows.length > 0) {
      const a = Math.fround(1 / rows.length);
      for (let j = 0; j < dim; j++) out[j] *= a;
    }
    return out;
  }
}

/** Squared norm summed in float32, as fastText's `Vector::norm`. */
function norm2(v: Float32Array): number {
  let sq = 0;
  for (let j = 0; j < v.length; j++) sq = Math.fround(sq + Math.fround(v[j] * v[j]));
  return sq;
}
