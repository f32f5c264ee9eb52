/**
 * `trainWord2Vec`: the orchestration. A vocabulary pass (`corpus/count-corpus.ts`, `vocab.ts`), then
 * the tables (Huffman codes or the noise alias table, subsampling probabilities), the weights in
 * SharedArrayBuffers, and one shard per thread trained Hogwild-style (`shard.ts` on `worker.ts`; inline
 * when threads = 1, which makes a seeded run bit-reproducible). Returns syn0, the input vectors, as
 * word2vec C writes them.
 */
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import { checkFiles } from '../corpus/sources.js';
import { countCorpus, isFileCorpus, type CorpusCounts } from '../corpus/count-corpus.js';
import { buildAliasTable } from './alias-table.js';
import { buildHuffman } from './huffman.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { runWorkers, workerScript } from './pool.js';
import { allocateHeap, paddedDim } from './vector-ops.js';
import { PROGRESS_SLOTS, trainShard, type ShardInput, type ShardTask } from './shard.js';
import type { Word2VecCorpus, Word2VecOptions } from './types.js';
import { buildVocab, type Word2VecVocab } from './vocab.js';

/**
 * Trains word2vec on `corpus` (files streamed from disk, `.gz` too, or lines of text).
 * @example
 * const kv = await trainWord2Vec({ files: ['text8'] }, { model: 'sg', loss: 'ns', dim: 100, epochs: 5 });
 * kv.words[0]; // '</s>', then the words by descending count
 */
export async function trainWord2Vec(corpus: Word2VecCorpus, options: Partial<Word2VecOptions> = {}): Promise<KeyedVectors> {
  return trainWord2VecWith(corpus, options, {});
}

/** Internal knobs for benches and tests (not part of the package API). */
export interface TrainInternals {
  /** Force the JavaScript vector ops instead of WebAssembly SIMD. */
  jsOps?: boolean;
}

export async function trainWord2VecWith(
  corpus: Word2VecCorpus,
  options: Partial<Word2VecOptions>,
  internals: TrainInternals,
): Promise<KeyedVectors> {
  const o = resolveOptions(options);
  if (isFileCorpus(corpus)) await checkFiles(corpus.files);
  const counted = await countCorpus(corpus);
  const vocab = buildVocab(counted, o.minCount, o.maxVocabSize);
  const v = vocab.words.length;
  // One heap: syn0 (V rows), syn1 (hs: V - 1 inner nodes; ns: V output vectors; zero, as in word2vec C),
  // then two scratch rows per thread. Rows are padded to 4 floats for SIMD.
  const stride = paddedDim(o.dim);
  const syn1 = v * stride;
  // Each thread's scratch block starts on its own cache line (16 floats), so that threads writing their
  // neu1e rows never share a line (false sharing costs more than the padding).
  const scratch = alignTo(syn1 + (o.loss === 'hs' ? v - 1 : v) * stride, CACHE_LINE_FLOATS);
  const scratchBlock = alignTo(2 * stride, CACHE_LINE_FLOATS);
  const heap = allocateHeap(scratch + o.threads * scratchBlock, !internals.jsOps);
  const floats = new Float32Array(heap.buffer);
  initInputVectors(floats, v, o.dim, stride, o.seed);
  const progress = new Float64Array(new SharedArrayBuffer(o.threads * PROGRESS_SLOTS * 8));
  const huffman = o.loss === 'hs' ? buildHuffman(vocab.counts) : undefined;
  const base = {
    threads: o.threads,
    model: o.model,
    loss: o.loss,
    stride,
    window: o.window,
    negative: o.negative,
    epochs: o.epochs,
    alpha: o.alpha,
    minAlphaFraction: o.minAlpha,
    seed: o.seed,
    trainWords: vocab.trainWords,
    keep: keepProbabilities(vocab.counts, vocab.trainWords, o.sample),
    heap,
    syn0: 0,
    syn1,
    alias: o.loss === 'ns' ? buildAliasTable(vocab.counts) : new Int32Array(0),
    codes: huffman?.codes ?? new Uint8Array(0),
    points: huffman?.points ?? new Int32Array(0),
    codeLengths: huffman?.lengths ?? new Uint8Array(0),
    codeStride: huffman?.stride ?? 1,
    progress,
  };
  const inputs = shardInputs(counted, vocab, o.threads);
  const table = counted.files ? vocab.table.toData() : undefined;
  const tasks: ShardTask[] = inputs.map((input, workerId) => ({
    ...base,
    workerId,
    input,
    table,
    scratch: scratch + workerId * scratchBlock,
  }));

  const report = progressReporter(o, vocab.trainWords, progress);
  if (o.threads === 1) await trainShard(tasks[0]!, report);
  else await runWorkers(workerScript(import.meta.url, 'worker'), tasks, report, 'word2vec');
  const vectors = new Float32Array(v * o.dim);
  for (let w = 0; w < v; w++) vectors.set(floats.subarray(w * stride, w * stride + o.dim), w * o.dim);
  return new KeyedVectors(vocab.words, vectors, o.dim, { counts: vocab.counts });
}

const CACHE_LINE_FLOATS = 16;

function alignTo(x: number, m: number): number {
  return Math.ceil(x / m) * m;
}

/** word2vec C's initialisation: uniform in [-0.5, 0.5) / dim (from our seeded generator). */
function initInputVectors(heap: Float32Array, rows: number, dim: number, stride: number, seed: number): void {
  let r = (seed ^ 0x5bd1e995) | 0 || 1;
  for (let w = 0; w < rows; w++) {
    for (let k = 0; k < dim; k++) {
      r ^= r << 13;
      r ^= r >>> 17;
      r ^= r << 5;
      heap[w * stride + k] = ((r >>> 16) / 65536 - 0.5) / dim;
    }
  }
}

/** word2vec C: keep w with probability (sqrt(c / (s·N)) + 1) · (s·N) / c. */
function keepProbabilities(counts: Float64Array, trainWords: number, sample: number): Float64Array {
  const keep = new Float64Array(counts.length).fill(1);
  if (sample > 0) {
    const t = sample * trainWords;
    for (let i = 1; i < counts.length; i++) keep[i] = (Math.sqrt(counts[i]! / t) + 1) * (t / counts[i]!);
  }
  return keep;
}

/** Splits the corpus into `threads` shares: byte ranges of the files, or slices of the id sequence. */
function shardInputs(c: CorpusCounts, vocab: Word2VecVocab, threads: number): ShardInput[] {
  const out: ShardInput[] = [];
  if (c.files) {
    const total = c.files.reduce((s, f) => s + f.size, 0);
    for (let k = 0; k < threads; k++) {
      out.push({ kind: 'files', files: c.files, start: Math.floor((total * k) / threads), end: Math.floor((total * (k + 1)) / threads) });
    }
    return out;
  }
  const raw = c.ids!;
  const ids = new Int32Array(new SharedArrayBuffer(raw.length * 4));
  for (let i = 0; i < raw.length; i++) ids[i] = vocab.remap[raw[i]!]!;
  for (let k = 0; k < threads; k++) {
    out.push({ kind: 'ids', ids, start: Math.floor((ids.length * k) / threads), end: Math.floor((ids.length * (k + 1)) / threads) });
  }
  return out;
}

/** Turns the shared progress array into `onProgress` calls: totals, loss since the last call, speed. */
function progressReporter(o: ResolvedOptions, trainWords: number, progress: Float64Array): () => void {
  const onProgress = o.onProgress;
  if (!onProgress) return () => {};
  const started = performance.now();
  let lastLoss = 0;
  let lastPreds = 0;
  return () => {
    let words = 0;
    let loss = 0;
    let preds = 0;
    let epoch = 0;
    for (let w = 0; w < o.threads; w++) {
      words += progress[w * PROGRESS_SLOTS]!;
      loss += progress[w * PROGRESS_SLOTS + 1]!;
      preds += progress[w * PROGRESS_SLOTS + 2]!;
      epoch = Math.max(epoch, progress[w * PROGRESS_SLOTS + 3]!);
    }
    const wordsTotal = o.epochs * trainWords;
    const alpha = Math.max(o.alpha * (1 - words / (wordsTotal + 1)), o.alpha * o.minAlpha);
    const dl = preds - lastPreds > 0 ? (loss - lastLoss) / (preds - lastPreds) : 0;
    lastLoss = loss;
    lastPreds = preds;
    const seconds = (performance.now() - started) / 1000;
    onProgress({ wordsDone: words, wordsTotal, epoch, alpha, loss: dl, wordsPerSecond: seconds > 0 ? words / seconds : 0 });
  };
}
