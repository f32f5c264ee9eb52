/**
 * Co-occurrence counting, as GloVe's cooccur: within a line (a newline ends a document; contexts do
 * not cross it), each in-vocabulary word pairs with the up to `window` in-vocabulary words before it
 * (out-of-vocabulary words are dropped first, so they do not count in the distance), adding 1/distance
 * (or 1) to X[w1][w2] (context, target) and, when symmetric, to X[w2][w1].
 *
 * Memory follows cooccur's design: pairs of frequent words (rank product small: row r holds ranks up
 * to maxProduct / r) go to a dense float64 array; the rest to a typed-array hash (`PairTable`) that,
 * when full, is drained sorted by (i, j) into a spill file. At the end the dense array, the last chunk
 * and the spill files are k-way merged (duplicates summed) into one file of records sorted by (i, j).
 * A quarter of `memoryMB` goes to the dense array, the rest to the hash. Records are GloVe's CREC (`records.ts`), ids 1-based.
 */
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkFiles, fileChunks } from '../corpus/sources.js';
import { countCorpus, isFileCorpus, type CorpusCounts } from '../corpus/count-corpus.js';
import { SENTENCE_END, WordScanner } from '../corpus/word-scanner.js';
import { ArraySource, FileSource, mergeSorted, type SortedSource } from './merge.js';
import { resolveGloveOptions } from './options.js';
import { PairTable } from './pair-table.js';
import { RecordCursor, RecordWriter, type SpillIo } from './records.js';
import { SpillDir } from './spill-dir.js';
import type { GloveCorpus, GloveOptions } from './types.js';
import { buildGloveVocab, type GloveVocab } from './vocab.js';

export type CooccurOptions = Pick<GloveOptions, 'window' | 'symmetric' | 'distanceWeighting' | 'minCount' | 'maxVocab' | 'memoryMB' | 'spillDir'>;

export interface CooccurResult {
  /** The vocabulary: words[r] is record id r + 1. */
  words: string[];
  counts: Float64Array;
  /** Records written (distinct non-zero pairs). */
  records: number;
  /** Sorted chunks spilled to disk before the merge. */
  spills: number;
}

/** Test and bench knobs (not part of the package API). */
export interface CooccurInternals {
  /** Override the dense array's rank-product cutoff (cooccur's -max-product). */
  maxProduct?: number;
  /** Override the hash's slot count (a power of two; holds half as many pairs). */
  pairSlots?: number;
  /** File operations for the spill files (tests inject a full disk). */
  io?: SpillIo;
}

/**
 * Counts the co-occurrences of `corpus` into `outFile` (GloVe's cooccurrence.bin: records sorted by
 * (word1, word2)), written beside it and renamed when complete.
 * @example
 * const { words, records } = await countCooccurrences({ files: ['text8'] }, 'cooc.bin', { window: 15, minCount: 5 });
 */
export async function countCooccurrences(
  corpus: GloveCorpus,
  outFile: string,
  options: Partial<CooccurOptions> = {},
  internals: CooccurInternals = {},
): Promise<CooccurResult> {
  const o = resolveGloveOptions(options);
  if (isFileCorpus(corpus)) await checkFiles(corpus.files);
  const counted = await countCorpus(corpus);
  const vocab = buildGloveVocab(counted, o.minCount, o.maxVocab);
  const spill = SpillDir.create(o.spillDir, internals.io);
  const temp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  try {
    const out = new RecordWriter(temp, dirname(outFile), internals.io);
    const r = await countInto(counted, vocab, o, spill, out, internals);
    renameSync(temp, outFile);
    return r;
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  } finally {
    spill.remove();
  }
}

/** The counting pass over an already counted corpus, into `out` (closed on success). */
export async function countInto(
  counted: CorpusCounts,
  vocab: GloveVocab,
  o: Pick<CooccurOptions, 'window' | 'symmetric' | 'distanceWeighting' | 'memoryMB'>,
  spill: SpillDir,
  out: RecordWriter,
  internals: CooccurInternals = {},
): Promise<CooccurResult> {
  const counter = new CooccurrenceCounter(vocab.words.length, o, spill, internals);
  try {
    if (counted.files) {
      const table = vocab.table;
      const scanner = new WordScanner((bytes, start, end) => {
        if (bytes === SENTENCE_END) counter.lineEnd();
        else {
          const id = table.find(bytes, start, end);
          if (id >= 0) counter.word(id + 1);
        }
      });
      for (const f of counted.files) {
        for await (const chunk of fileChunks(f.path)) scanner.push(chunk);
        scanner.flush();
        counter.lineEnd(); // a file's end ends its last document
      }
    } else {
      const ids = counted.ids!;
      const remap = vocab.remap;
      for (let p = 0; p < ids.length; p++) {
        const id = ids[p]!;
        if (id === 0) counter.lineEnd();
        else if (remap[id]! > 0) counter.word(remap[id]!);
      }
    }
    const records = counter.finish(out);
    out.close();
    return { words: vocab.words, counts: vocab.counts, records, spills: counter.spills.length };
  } catch (e) {
    out.abandon();
    throw e;
  }
}

export class CooccurrenceCounter {
  private readonly window: number;
  private readonly symmetric: boolean;
  /** weights[d]: what a pair d words apart adds (1/d, or 1 without distance weighting). */
  private readonly weights: Float64Array;
  /** Row r of the dense array: ranks 1..rowLength[r], from rowStart[r]. */
  private readonly rowLength: Int32Array;
  private readonly rowStart: Float64Array;
  private readonly dense: Float64Array;
  private readonly pairs: PairTable;
  private readonly history: Int32Array;
  private position = 0;
  readonly spills: string[] = [];
  readonly stride: number;

  constructor(
    vocabSize: number,
    o: Pick<CooccurOptions, 'window' | 'symmetric' | 'distanceWeighting' | 'memoryMB'>,
    private readonly spill: SpillDir,
    internals: CooccurInternals = {},
  ) {
    this.window = o.window;
    this.symmetric = o.symmetric;
    this.weights = new Float64Array(o.window + 1).map((_, d) => (o.distanceWeighting ? 1 / d : 1));
    this.history = new Int32Array(o.window);
    this.stride = vocabSize + 1;
    const bytes = o.memoryMB * 2 ** 20;
    // A quarter of the cap for the dense array: a bigger one saves few hash updates but misses the cache
    // more (measured on 500k words, V = 8.7k: 128 MB beat 512 MB by 20 %).
    const maxProduct = internals.maxProduct ?? maxProductFor(vocabSize, Math.floor(bytes / 4 / 8));
    this.rowLength = new Int32Array(vocabSize + 1);
    this.rowStart = new Float64Array(vocabSize + 2);
    for (let r = 1; r <= vocabSize; r++) {
      this.rowLength[r] = Math.min(Math.floor(maxProduct / r), vocabSize);
      this.rowStart[r + 1] = this.rowStart[r]! + this.rowLength[r]!;
    }
    const denseEntries = this.rowStart[vocabSize + 1]!;
    this.dense = new Float64Array(denseEntries);
    let slots = internals.pairSlots ?? 16;
    if (internals.pairSlots === undefined) while (slots * 2 * 16 <= bytes - denseEntries * 8) slots *= 2;
    this.pairs = new PairTable(slots, this.stride);
  }

  /** The next in-vocabulary word of the current line, by GloVe id (1-based rank). */
  word(w2: number): void {
    const j = this.position;
    const window = this.window;
    const history = this.history;
    const weights = this.weights;
    const rowLength = this.rowLength;
    const rowStart = this.rowStart;
    const dense = this.dense;
    const n = j < window ? j : window;
    // history[(j - d) % window] is the word d to the left; walked without a modulo per step.
    let h = j % window;
    const fits2 = rowLength[w2]!;
    const start2 = rowStart[w2]! - 1;
    for (let d = 1; d <= n; d++) {
      h = h === 0 ? window - 1 : h - 1;
      const w1 = history[h]!;
      const weight = weights[d]!;
      if (w2 <= rowLength[w1]!) dense[rowStart[w1]! + w2 - 1]! += weight;
      else this.addSparse(w1, w2, weight);
      if (this.symmetric) {
        if (w1 <= fits2) dense[start2 + w1]! += weight;
        else this.addSparse(w2, w1, weight);
      }
    }
    history[j % window] = w2;
    this.position = j + 1;
  }

  /** A newline: the next word starts a new context. */
  lineEnd(): void {
    this.position = 0;
  }

  private addSparse(a: number, b: number, weight: number): void {
    this.pairs.add(a, b, weight);
    if (this.pairs.full) this.spillChunk();
  }

  private spillChunk(): void {
    const { keys, values } = this.pairs.drainSorted();
    const w = this.spill.writer('overflow', keys.length);
    this.spills.push(w.path);
    try {
      const stride = this.stride;
      for (let a = 0; a < keys.length; a++) {
        const i = Math.floor(keys[a]! / stride);
        w.push(i, keys[a]! - i * stride, values[a]!);
      }
      w.close();
    } catch (e) {
      w.abandon();
      throw e;
    }
  }

  /** Merges the dense array, the last chunk and the spilled chunks into `out`; returns the records. */
  finish(out: RecordWriter): number {
    const last = this.pairs.drainSorted();
    if (this.spills.length === 0) return this.writeInMemory(out, last.keys, last.values);
    const sources: SortedSource[] = [new DenseSource(this.dense, this.rowLength, this.rowStart, this.stride), new ArraySource(last.keys, last.values)];
    for (const path of this.spills) sources.push(new FileSource(new RecordCursor(path, this.spill.parent), this.stride));
    return mergeSorted(sources, this.stride, out);
  }

  /**
   * Nothing spilled: no merge needed. In row r the dense array holds columns 1..rowLength[r] and the
   * hash only columns past it, so each row is its dense part, then its sorted hash entries.
   */
  private writeInMemory(out: RecordWriter, keys: Float64Array, values: Float64Array): number {
    const { dense, rowLength, rowStart, stride } = this;
    let p = 0;
    let written = 0;
    for (let r = 1; r < rowLength.length; r++) {
      const start = rowStart[r]! - 1;
      for (let c = 1, len = rowLength[r]!; c <= len; c++) {
        const v = dense[start + c]!;
        if (v !== 0) {
          out.push(r, c, v);
          written++;
        }
      }
      for (const end = (r + 1) * stride; p < keys.length && keys[p]! < end; p++, written++) out.push(r, keys[p]! - r * stride, values[p]!);
    }
    return written;
  }
}

/** The non-zero entries of the dense array, by (row, column). */
class DenseSource implements SortedSource {
  key = 0;
  value = 0;
  private r = 1;
  private c = 0;
  constructor(
    private readonly dense: Float64Array,
    private readonly rowLength: Int32Array,
    private readonly rowStart: Float64Array,
    private readonly stride: number,
  ) {}
  next(): boolean {
    const rows = this.rowLength.length - 1;
    while (this.r <= rows) {
      while (++this.c <= this.rowLength[this.r]!) {
        const v = this.dense[this.rowStart[this.r]! + this.c - 1]!;
        if (v !== 0) {
          this.key = this.r * this.stride + this.c;
          this.value = v;
          return true;
        }
      }
      this.r++;
      this.c = 0;
    }
    return false;
  }
}

/**
 * The largest rank-product cutoff whose dense array fits `entries` float64s: the array holds
 * Σ_r min(⌊P / r⌋, V) entries (≈ P·(ln P + γ) while P < V, as cooccur estimates it).
 */
export function maxProductFor(vocabSize: number, entries: number): number {
  const size = (p: number): number => {
    let s = 0;
    for (let r = 1; r <= vocabSize && s <= entries; r++) s += Math.min(Math.floor(p / r), vocabSize);
    return s;
  };
  if (vocabSize * vocabSize <= entries) return vocabSize * vocabSize;
  let lo = 0;
  let hi = vocabSize * vocabSize;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (size(mid) <= entries) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
