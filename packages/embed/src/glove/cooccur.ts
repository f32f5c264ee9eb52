/**
 * Co-occurrence counting, as GloVe's cooccur: within a line (a newline ends a document; contexts do
 * not cross it), each in-vocabulary word pairs with the up to `window` in-vocabulary words before it
 * (out-of-vocabulary words are dropped first, so they do not count in the distance), adding 1/distance
 * (or 1) to X[w1][w2] (context, target) and, when symmetric, to X[w2][w1].
 *
 * Memory follows cooccur's design: pairs of frequent words (rank product at most maxProduct) go to a
 * dense float64 array; the rest to a typed-array hash (`PairTable`) that, when full, is drained sorted
 * by (i, j) into a spill file. At the end the dense array, the last chunk and the spill files are k-way
 * merged (duplicates summed) into one file of records sorted by (i, j). Unlike cooccur, a symmetric
 * count stores each pair once (X[a][b] = X[b][a]: half the updates) in the row of its rarer word (see
 * `word`), and is written out both ways. An eighth of `memoryMB` goes to the dense array, the rest to
 * the hash. Records are GloVe's CREC (`records.ts`), ids 1-based.
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
  /** Cells per (row, column) of the dense array: 1 when symmetric (X[a][b] = X[b][a]), else 2. */
  private readonly cell: number;
  /** Row r of the dense array: columns 1..rowLength[r] (≤ r), cell·rowLength[r] doubles from rowStart[r]. */
  private readonly rowLength: Int32Array;
  private readonly rowStart: Float64Array;
  private readonly maxProduct: number;
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
    this.cell = o.symmetric ? 1 : 2;
    this.weights = new Float64Array(o.window + 1).map((_, d) => (o.distanceWeighting ? 1 / d : 1));
    this.history = new Int32Array(o.window);
    this.stride = vocabSize + 1;
    const bytes = o.memoryMB * 2 ** 20;
    // An eighth of the cap for the dense array: a bigger one saves few hash updates but costs more to
    // write out, mostly zeros (10 MB of wiki-en, window 15, V = 19k: rank products from 1.5M to 13M
    // all within 15 %; 1.5M the slowest).
    const maxProduct = internals.maxProduct ?? maxProductFor(vocabSize, Math.floor(bytes / 8 / 8 / this.cell));
    this.maxProduct = maxProduct;
    this.rowLength = new Int32Array(vocabSize + 1);
    this.rowStart = new Float64Array(vocabSize + 2);
    for (let r = 1; r <= vocabSize; r++) {
      this.rowLength[r] = Math.min(Math.floor(maxProduct / r), r);
      this.rowStart[r + 1] = this.rowStart[r]! + this.cell * this.rowLength[r]!;
    }
    const denseEntries = this.rowStart[vocabSize + 1]!;
    this.dense = new Float64Array(denseEntries);
    let slots = internals.pairSlots ?? 16;
    if (internals.pairSlots === undefined) while (slots * 2 * 16 <= bytes - denseEntries * 8) slots *= 2;
    this.pairs = new PairTable(slots, this.stride, o.symmetric);
  }

  /**
   * The next in-vocabulary word of the current line, by GloVe id (1-based rank).
   *
   * The pair (w1, w2) lives in the row of its rarer word (the larger rank), at the column of the more
   * frequent one: rare words' rows are short, and every pair of a word with its window lands in rows
   * touched moments ago (its own, or its neighbours'), which keeps the dense array's updates in cache.
   * Symmetric counting stores X[a][b] = X[b][a] once (cooccur adds the same weight to both, in the same
   * order, so one sum is both, bit for bit); a word paired with itself gets its two additions.
   */
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
    const len2 = rowLength[w2]!;
    const start2 = rowStart[w2]! - 1;
    if (this.symmetric) {
      for (let d = 1; d <= n; d++) {
        h = h === 0 ? window - 1 : h - 1;
        const w1 = history[h]!;
        const weight = weights[d]!;
        if (w1 < w2) {
          if (w1 <= len2) dense[start2 + w1]! += weight;
          else this.addSparse(w2, w1, weight);
        } else if (w1 > w2) {
          if (w2 <= rowLength[w1]!) dense[rowStart[w1]! + w2 - 1]! += weight;
          else this.addSparse(w1, w2, weight);
        } else if (w1 <= len2) {
          dense[start2 + w1]! += weight;
          dense[start2 + w1]! += weight;
        } else {
          this.addSparse(w1, w1, weight);
          this.addSparse(w1, w1, weight);
        }
      }
    } else {
      // X[w1][w2] only: cell 2(lo − 1) of row hi holds X[hi][lo], the next X[lo][hi].
      for (let d = 1; d <= n; d++) {
        h = h === 0 ? window - 1 : h - 1;
        const w1 = history[h]!;
        const weight = weights[d]!;
        if (w1 < w2) {
          if (w1 <= len2) dense[start2 + 2 * w1]! += weight;
          else this.addSparse(w1, w2, weight);
        } else if (w2 <= rowLength[w1]!) dense[rowStart[w1]! + 2 * w2 - 2]! += weight;
        else this.addSparse(w1, w2, weight);
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
    const rows = new DenseRows(this.dense, this.rowLength, this.rowStart, this.cell, this.maxProduct);
    if (this.spills.length === 0) return writeInMemory(rows, this.stride, out, last.keys, last.values);
    const sources: SortedSource[] = [new DenseSource(rows, this.stride), new ArraySource(last.keys, last.values)];
    for (const path of this.spills) sources.push(new FileSource(new RecordCursor(path, this.spill.parent), this.stride));
    return mergeSorted(sources, this.stride, out);
  }
}

/**
 * Nothing spilled: no merge needed. Row r is its dense entries, merged by column with its sorted hash
 * entries (a pair is in one or the other: the dense array takes it when its smaller rank fits the
 * row of its larger).
 */
function writeInMemory(rows: DenseRows, stride: number, out: RecordWriter, keys: Float64Array, values: Float64Array): number {
  let p = 0;
  let written = 0;
  const { cols, vals } = rows;
  for (let r = 1; r <= rows.vocabSize; r++) {
    const n = rows.load(r);
    const base = r * stride;
    const end = base + stride;
    let a = 0;
    while (a < n || (p < keys.length && keys[p]! < end)) {
      if (p < keys.length && keys[p]! < end && (a === n || keys[p]! - base < cols[a]!)) {
        out.push(r, keys[p]! - base, values[p]!);
        p++;
      } else {
        out.push(r, cols[a]!, vals[a]!);
        a++;
      }
      written++;
    }
  }
  return written;
}

/**
 * Row by row, the non-zero entries X[r][·] of the dense array, in column order. Row r's columns up to
 * r are its own cells; the columns past r sit in later rows (column r of row c > r), which are read for
 * eight rows at a time — one cache line of each later row — so the transposition stays sequential.
 */
class DenseRows {
  /** The current row's columns and values, `load`'s count of them. */
  readonly cols: Int32Array;
  readonly vals: Float64Array;
  readonly vocabSize: number;
  private static readonly GROUP = 32;
  /** For the rows of the current group: entries past the diagonal, GROUP lists of up to V. */
  private readonly upperCols: Int32Array;
  private readonly upperVals: Float64Array;
  private readonly upperCount: Int32Array;
  private group = -1;

  constructor(
    private readonly dense: Float64Array,
    private readonly rowLength: Int32Array,
    private readonly rowStart: Float64Array,
    private readonly cell: number,
    private readonly maxProduct: number,
  ) {
    this.vocabSize = rowLength.length - 1;
    const V = this.vocabSize;
    this.cols = new Int32Array(V);
    this.vals = new Float64Array(V);
    // Row r has at most min(V, maxProduct / r) − r columns past r: the first row's bound sizes every list.
    const width = Math.max(1, Math.min(V, Math.floor(maxProduct)));
    this.upperCols = new Int32Array(DenseRows.GROUP * width);
    this.upperVals = new Float64Array(DenseRows.GROUP * width);
    this.upperCount = new Int32Array(DenseRows.GROUP);
  }

  /** Fills cols/vals with row r's entries (rows are loaded in increasing order); returns their count. */
  load(r: number): number {
    const G = DenseRows.GROUP;
    const g = Math.floor((r - 1) / G);
    if (g !== this.group) this.loadGroup(g);
    const { dense, cols, vals, cell } = this;
    let n = 0;
    const start = this.rowStart[r]!;
    for (let c = 1, len = this.rowLength[r]!; c <= len; c++) {
      const v = dense[start + cell * (c - 1)]!;
      if (v !== 0) {
        cols[n] = c;
        vals[n++] = v;
      }
    }
    const k = r - 1 - g * G;
    const width = this.upperCols.length / G;
    const m = this.upperCount[k]!;
    cols.set(this.upperCols.subarray(k * width, k * width + m), n);
    vals.set(this.upperVals.subarray(k * width, k * width + m), n);
    return n + m;
  }

  /** Columns past the diagonal for rows R..R+GROUP−1: column r of each row c > r whose length reaches r. */
  private loadGroup(g: number): void {
    const G = DenseRows.GROUP;
    this.group = g;
    this.upperCount.fill(0);
    const R = g * G + 1;
    const last = Math.min(R + G - 1, this.vocabSize);
    const { dense, rowLength, rowStart, cell, upperCols, upperVals, upperCount } = this;
    const width = upperCols.length / G;
    const o = cell - 1; // X[lo][hi]: the second cell when asymmetric
    const cMax = Math.min(this.vocabSize, Math.floor(this.maxProduct / R));
    for (let c = R + 1; c <= cMax; c++) {
      const len = rowLength[c]!;
      const top = Math.min(last, len, c - 1);
      const start = rowStart[c]! + o;
      for (let r = R; r <= top; r++) {
        const v = dense[start + cell * (r - 1)]!;
        if (v !== 0) {
          const k = r - R;
          const at = k * width + upperCount[k]!++;
          upperCols[at] = c;
          upperVals[at] = v;
        }
      }
    }
  }
}

/** The non-zero entries of the dense array, by (row, column). */
class DenseSource implements SortedSource {
  key = 0;
  value = 0;
  private r = 0;
  private n = 0;
  private a = 0;
  constructor(
    private readonly rows: DenseRows,
    private readonly stride: number,
  ) {}
  next(): boolean {
    while (this.a === this.n) {
      if (this.r === this.rows.vocabSize) return false;
      this.n = this.rows.load(++this.r);
      this.a = 0;
    }
    this.key = this.r * this.stride + this.rows.cols[this.a]!;
    this.value = this.rows.vals[this.a++]!;
    return true;
  }
}

/**
 * The largest rank-product cutoff whose dense array fits `entries` cells: row r holds the columns
 * c ≤ r with r·c ≤ P, Σ_r min(⌊P / r⌋, r) cells (the pairs whose rank product cooccur keeps dense, each
 * stored once in the row of the rarer word).
 */
export function maxProductFor(vocabSize: number, entries: number): number {
  const size = (p: number): number => {
    let s = 0;
    for (let r = 1; r <= vocabSize && s <= entries; r++) s += Math.min(Math.floor(p / r), r);
    return s;
  };
  if ((vocabSize * (vocabSize + 1)) / 2 <= entries) return vocabSize * vocabSize;
  let lo = 0;
  let hi = vocabSize * vocabSize;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (size(mid) <= entries) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
