/**
 * One thread of fastText training (`FastText::trainThread` with `skipgram`/`cbow` and `Model::update`):
 * it reads lines from its `IdStream` (`train-input.ts`: the corpus from the thread's starting point on,
 * streamed from disk and rewound at the end, as fastText reads its file; a line ends at `</s>` or after
 * 1024 tokens), subsamples, and trains until all threads
 * together have seen epoch × ntokens tokens, lr = lr0 · (1 − progress). An update averages the input
 * rows (word + n-grams) into `hidden`, runs the loss (ns: the target then `neg` negatives drawn ∝ count^0.5,
 * redrawn when equal to the target; hs: the tree path), accumulating the gradient, then adds the
 * gradient to every input row (fastText does not divide it by the number of rows). Vector arithmetic
 * goes through `../train`'s `VectorOps` (WebAssembly SIMD over the shared heap, or JavaScript).
 * Random numbers: a 32-bit xorshift per thread, seeded from (seed, thread).
 *
 * Performance notes (skip-gram, dim 100, subwords 3–6, bucket 2M, 10 MB of Wikipedia, 5 epochs, 2 threads,
 * words per CPU-second, whole run): ours 96.0k, Debian fastText 0.9.2 44.7k. Ours has WebAssembly SIMD vector
 * ops and an alias table for the negatives (a draw reads one cache line, not a random slot of fastText's
 * 40 MB table); not profiled further.
 */
import { aliasDraw } from '../train/alias-table.js';
import type { CorpusSource } from './train-corpus.js';
import { IdStream } from './train-input.js';
import { vectorOpsFor, type Heap } from '../train/vector-ops.js';
import { seedFor } from '../train/worker-seed.js';
import { LOG_TABLE_SIZE, MAX_SIGMOID, SIGMOID_TABLE_SIZE, logTable, sigmoidTable } from './train-tables.js';

export const MAX_LINE_SIZE = 1024;
/** Float64 slots per thread in the shared progress array: tokens done, loss sum, predictions. */
export const PROGRESS_SLOTS = 3;

export interface ThreadTask {
  threadId: number;
  threads: number;
  model: 'sg' | 'cbow';
  loss: 'ns' | 'hs';
  dim: number;
  stride: number;
  ws: number;
  neg: number;
  lr: number;
  lrUpdateRate: number;
  /** Token budget: epoch × ntokens. */
  budget: number;
  seed: number;
  heap: Heap;
  /** Heap float index of input row 0, output row 0, this thread's hidden and grad rows. */
  wi: number;
  wo: number;
  hidden: number;
  grad: number;
  source: CorpusSource;
  /** Where this thread starts reading: a byte offset (files) or an id index. */
  start: number;
  /** Test knobs: ids buffered per refill, file read size (defaults: `REFILL_IDS`, 1 MB). */
  refill?: number;
  chunkBytes?: number;
  subwordStart: Uint32Array;
  subwordRows: Int32Array;
  keep: Float32Array;
  alias: Int32Array;
  nwords: number;
  /** The id of `</s>` (ends a line), or -1. */
  eosId: number;
  pathStart: Int32Array;
  paths: Int32Array;
  codes: Uint8Array;
  progress: Float64Array;
}

/**
 * Trains until the shared budget is spent; `onTick` is called after each progress update. Resolves with
 * the most ids the thread held at once (constant, whatever the corpus size).
 */
export async function trainThread(task: ThreadTask, onTick: () => void = () => undefined): Promise<number> {
  const { stride, ws, neg, subwordStart, subwordRows, keep, alias, nwords, pathStart, paths, codes, progress } = task;
  const { wi, wo, hidden, grad } = task;
  const ops = vectorOpsFor(task.heap);
  const { dot, step, add, scale, zero } = ops;
  const sigmoid = sigmoidTable();
  const logT = logTable();
  const slot = task.threadId * PROGRESS_SLOTS;
  const isSg = task.model === 'sg';
  const isNs = task.loss === 'ns';
  const line = new Int32Array(MAX_LINE_SIZE + 1);
  let bow = new Int32Array(1024);
  let r = seedFor(task.seed, task.threadId);
  const input = new IdStream(task.source, task.start, task.refill, task.chunkBytes);
  let local = 0;
  let lossSum = 0;
  let preds = 0;

  const uniform = (): number => {
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    return (r >>> 0) * 2.3283064365386963e-10;
  };
  const sigmoidOf = (x: number): number => (x < -MAX_SIGMOID ? 0 : x > MAX_SIGMOID ? 1 : sigmoid[((x + MAX_SIGMOID) * (SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2)) | 0]);
  const logOf = (x: number): number => (x > 1 ? 0 : logT[(x * LOG_TABLE_SIZE) | 0]);

  /** One binary logistic step on output row `row`; returns nothing, accumulates the loss. */
  const logistic = (row: number, label: number, lr: number): void => {
    const out = wo + row * stride;
    const score = sigmoidOf(dot(hidden, out, stride));
    const alpha = lr * (label - score);
    step(grad, out, hidden, alpha, stride);
    lossSum -= label === 1 ? logOf(score) : logOf(1 - score);
    preds++;
  };

  /** `Model::update`: rows[from, to) of `src` are the input rows, `target` the word to predict. */
  const update = (src: Int32Array, from: number, to: number, target: number, lr: number): void => {
    const n = to - from;
    if (n === 0) return;
    zero(hidden, stride);
    for (let k = from; k < to; k++) add(hidden, wi + src[k] * stride, stride);
    scale(hidden, Math.fround(1 / n), stride);
    zero(grad, stride);
    if (isNs) {
      logistic(target, 1, lr);
      for (let d = 0; d < neg; d++) {
        let negative: number;
        do {
          r ^= r << 13;
          r ^= r >>> 17;
          r ^= r << 5;
          negative = aliasDraw(alias, nwords, r);
        } while (negative === target && nwords > 1);
        logistic(negative, 0, lr);
      }
    } else {
      for (let k = pathStart[target]; k < pathStart[target + 1]; k++) logistic(paths[k], codes[k], lr);
    }
    for (let k = from; k < to; k++) add(wi + src[k] * stride, grad, stride);
  };

  const total = (): number => {
    let s = 0;
    for (let t = 0; t < task.threads; t++) s += progress[t * PROGRESS_SLOTS];
    return s;
  };

  let done = total();

  /** Trains lines while the buffer holds a whole one (and budget is left): the sync hot loop. */
  const trainLines = (): void => {
    const ids = input.buf;
    const stop = input.len - MAX_LINE_SIZE - 1; // a line reads at most MAX_LINE_SIZE + 1 ids
    let pos = input.pos;
    while (done < task.budget && pos <= stop) {
      const lr = task.lr * (1 - done / task.budget);
      // getLine: read until </s> or past 1024 tokens; subsampled words are read (and counted) but not kept.
      let len = 0;
      let read = 0;
      for (;;) {
        const w = ids[pos++];
        read++;
        if (uniform() <= keep[w]) line[len++] = w;
        if (read > MAX_LINE_SIZE || w === task.eosId) break;
      }
      local += read;
      if (isSg) {
        for (let w = 0; w < len; w++) {
          const boundary = 1 + ((uniform() * ws) | 0);
          const from = subwordStart[line[w]];
          const to = subwordStart[line[w] + 1];
          const lo = Math.max(0, w - boundary);
          const hi = Math.min(len - 1, w + boundary);
          for (let c = lo; c <= hi; c++) if (c !== w) update(subwordRows, from, to, line[c], lr);
        }
      } else {
        for (let w = 0; w < len; w++) {
          const boundary = 1 + ((uniform() * ws) | 0);
          let n = 0;
          const lo = Math.max(0, w - boundary);
          const hi = Math.min(len - 1, w + boundary);
          for (let c = lo; c <= hi; c++) {
            if (c === w) continue;
            const from = subwordStart[line[c]];
            const to = subwordStart[line[c] + 1];
            if (n + to - from > bow.length) {
              const grown = new Int32Array(Math.max(bow.length * 2, n + to - from));
              grown.set(bow.subarray(0, n));
              bow = grown;
            }
            bow.set(subwordRows.subarray(from, to), n);
            n += to - from;
          }
          update(bow, 0, n, line[w], lr);
        }
      }
      if (local > task.lrUpdateRate) {
        progress[slot] += local;
        progress[slot + 1] = lossSum;
        progress[slot + 2] = preds;
        local = 0;
        done = total();
        onTick();
      }
    }
    input.pos = pos;
  };

  try {
    while (done < task.budget) {
      await input.fill(MAX_LINE_SIZE + 1);
      trainLines();
    }
  } finally {
    await input.close();
  }
  progress[slot] += local;
  progress[slot + 1] = lossSum;
  progress[slot + 2] = preds;
  return input.peak;
}
