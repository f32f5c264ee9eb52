/**
 * `trainFastText`: fastText's unsupervised training (skip-gram or CBOW over words and their character
 * n-grams, negative sampling or hierarchical softmax) on worker threads sharing the weights Hogwild-style,
 * returning a `FastTextModel` (save it as `.bin`, or `toKeyedVectors()` for `.vec`). One pass builds the
 * dictionary; then thread i streams the corpus from i/threads of its length on (files re-read from disk,
 * rewound at the end, as fastText's threads read their file) until all threads together have trained
 * epoch × ntokens tokens.
 */
import { allocateHeap, paddedDim } from '../train/vector-ops.js';
import { buildAliasTable } from '../train/alias-table.js';
import type { FastTextArgs } from './args.js';
import { FastTextModel } from './fasttext-model.js';
import { prepareCorpus, type FastTextCorpus } from './train-corpus.js';
import { PROGRESS_SLOTS, trainThread, type ThreadTask } from './train-kernel.js';
import { resolveTrainOptions, type FastTextTrainOptions, type ResolvedTrainOptions } from './train-options.js';
import { runWorkers, workerScript } from '../train/pool.js';
import { buildHsTree, keepProbabilities } from './train-tables.js';

const CACHE_LINE_FLOATS = 16;

/**
 * Trains fastText word vectors.
 * @example
 * const model = await trainFastText({ files: ['wiki.txt'] }, { model: 'sg', dim: 100, epoch: 5 });
 * await model.save('wiki.bin');                   // loads in `fasttext`
 * model.wordVector('unseenword');                 // from its n-grams
 */
export async function trainFastText(corpus: FastTextCorpus, options: Partial<FastTextTrainOptions> = {}): Promise<FastTextModel> {
  return trainFastTextWith(corpus, options, {});
}

/** Internal knobs for tests (not part of the package API). */
export interface FastTextInternals {
  /** Ids a thread buffers per refill, and the file read size (small: streaming over many chunks). */
  refill?: number;
  chunkBytes?: number;
  /** Called with each thread's peak of ids held at once (only when threads = 1: in-process). */
  onPeak?: (ids: number) => void;
}

export async function trainFastTextWith(corpus: FastTextCorpus, options: Partial<FastTextTrainOptions>, internals: FastTextInternals): Promise<FastTextModel> {
  const o = resolveTrainOptions(options);
  const subwords = { minn: o.minn, maxn: o.maxn, bucket: o.bucket };
  const { dictionary, source, length } = await prepareCorpus(corpus, o.minCount, subwords);
  const nwords = dictionary.nwords;
  const stride = paddedDim(o.dim);
  const inputRows = nwords + o.bucket;
  const wo = inputRows * stride;
  const scratch = Math.ceil((wo + nwords * stride) / CACHE_LINE_FLOATS) * CACHE_LINE_FLOATS;
  const block = Math.ceil((2 * stride) / CACHE_LINE_FLOATS) * CACHE_LINE_FLOATS;
  const heap = allocateHeap(scratch + o.threads * block);
  const floats = new Float32Array(heap.buffer);
  initInput(floats, inputRows, o.dim, stride, o.seed);

  const tree = o.loss === 'hs' ? buildHsTree(dictionary.counts) : undefined;
  const progress = new Float64Array(new SharedArrayBuffer(o.threads * PROGRESS_SLOTS * 8));
  const budget = o.epoch * dictionary.ntokens;
  const threads = o.threads;
  const tasks: ThreadTask[] = [];
  for (let t = 0; t < threads; t++) {
    tasks.push({
      threadId: t,
      threads,
      model: o.model,
      loss: o.loss,
      dim: o.dim,
      stride,
      ws: o.ws,
      neg: o.neg,
      lr: o.lr,
      lrUpdateRate: o.lrUpdateRate,
      budget,
      seed: o.seed,
      heap,
      wi: 0,
      wo,
      hidden: scratch + t * block,
      grad: scratch + t * block + stride,
      source,
      start: Math.floor((t * length) / threads),
      refill: internals.refill,
      chunkBytes: internals.chunkBytes,
      subwordStart: dictionary.subwordStart,
      subwordRows: dictionary.subwordRows,
      keep: keepProbabilities(dictionary.counts, dictionary.ntokens, o.t),
      alias: o.loss === 'ns' ? buildAliasTable(dictionary.counts, 0.5) : new Int32Array(0),
      nwords,
      eosId: dictionary.id('</s>'),
      pathStart: tree?.pathStart ?? new Int32Array(0),
      paths: tree?.paths ?? new Int32Array(0),
      codes: tree?.codes ?? new Uint8Array(0),
      progress,
    });
  }

  const started = Date.now();
  const report = (): void => {
    if (!o.onProgress) return;
    let done = 0;
    let loss = 0;
    let preds = 0;
    for (let t = 0; t < threads; t++) {
      done += progress[t * PROGRESS_SLOTS];
      loss += progress[t * PROGRESS_SLOTS + 1];
      preds += progress[t * PROGRESS_SLOTS + 2];
    }
    const p = Math.min(1, done / budget);
    o.onProgress({ progress: p, lr: o.lr * (1 - p), loss: preds > 0 ? loss / preds : 0, wordsPerSecond: done / Math.max(1e-3, (Date.now() - started) / 1000) });
  };
  if (threads === 1) {
    let last = Date.now();
    const peak = await trainThread(tasks[0], () => {
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        report();
      }
    });
    internals.onPeak?.(peak);
  } else {
    const timer = o.onProgress ? setInterval(report, 100) : undefined;
    try {
      await runWorkers(workerScript(import.meta.url, 'train-worker'), tasks, () => undefined, 'fastText training');
    } finally {
      if (timer) clearInterval(timer);
    }
  }
  report();

  const input = unpad(floats, 0, inputRows, o.dim, stride);
  const output = unpad(floats, wo, nwords, o.dim, stride);
  return new FastTextModel(argsOf(o), dictionary, input, output, nwords);
}

function argsOf(o: ResolvedTrainOptions): FastTextArgs {
  return {
    dim: o.dim,
    ws: o.ws,
    epoch: o.epoch,
    minCount: o.minCount,
    neg: o.neg,
    wordNgrams: 1,
    loss: o.loss,
    model: o.model,
    bucket: o.bucket,
    minn: o.minn,
    maxn: o.maxn,
    lrUpdateRate: o.lrUpdateRate,
    t: o.t,
  };
}

/** fastText's initialisation: input rows uniform in [-1/dim, 1/dim] (seeded xorshift); output rows 0. */
function initInput(heap: Float32Array, rows: number, dim: number, stride: number, seed: number): void {
  let r = (seed ^ 0x5bd1e995) | 0 || 1;
  const a = 1 / dim;
  for (let w = 0; w < rows; w++) {
    const base = w * stride;
    for (let k = 0; k < dim; k++) {
      r ^= r << 13;
      r ^= r >>> 17;
      r ^= r << 5;
      heap[base + k] = ((r >>> 0) * 2.3283064365386963e-10 * 2 - 1) * a;
    }
  }
}

function unpad(heap: Float32Array, from: number, rows: number, dim: number, stride: number): Float32Array {
  if (dim === stride) return heap.slice(from, from + rows * dim);
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) out.set(heap.subarray(from + i * stride, from + i * stride + dim), i * dim);
  return out;
}
