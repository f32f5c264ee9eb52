/**
 * One worker's share of training (word2vec C's TrainModelThread minus the kernel): for each epoch,
 * read the share (a byte range of the files, or a slice of an in-memory id sequence), map words to
 * ids, subsample, cut sentences (newline = `</s>` ends one; at most 1000 words), and run the kernel
 * on each at the current learning rate. Every ~10,000 words the worker publishes its count in the
 * shared progress array and recomputes alpha from everybody's counts, as word2vec C does from its
 * global word_count_actual. Runs inside a worker, or inline when threads = 1.
 */
import { fileRangeChunks } from '../corpus/sources.js';
import { WordScanner } from '../corpus/word-scanner.js';
import { WordTable, type WordTableData } from '../corpus/word-table.js';
import { kernelFor, type KernelState } from './kernel.js';
import { buildSigmoidTables } from './sigmoid.js';
import { vectorOpsFor, type Heap } from './vector-ops.js';
import { seedFor } from './worker-seed.js';

/** word2vec C's MAX_SENTENCE_LENGTH. */
export const MAX_SENTENCE_LENGTH = 1000;
/** Words between two progress/alpha updates, as word2vec C. */
export const UPDATE_EVERY = 10_000;
/** Float64 slots per worker in the progress array: words done, loss sum, predictions, epoch. */
export const PROGRESS_SLOTS = 4;

export type ShardInput =
  | { kind: 'files'; files: { path: string; size: number }[]; start: number; end: number }
  | { kind: 'ids'; ids: Int32Array; start: number; end: number };

/** Everything a worker needs; typed arrays over SharedArrayBuffers are shared, the rest copied. */
export interface ShardTask {
  workerId: number;
  threads: number;
  model: 'sg' | 'cbow';
  loss: 'ns' | 'hs';
  /** Row length in the heap: dim padded to a multiple of 4. */
  stride: number;
  window: number;
  negative: number;
  epochs: number;
  alpha: number;
  minAlphaFraction: number;
  seed: number;
  trainWords: number;
  input: ShardInput;
  /** Lookup of the vocabulary's words (files only). */
  table?: WordTableData;
  /** Keep probability per word (word2vec C's subsampling formula); ≥ 1 = always. */
  keep: Float64Array;
  /** The shared weights and scratch rows; heap indices of syn0, syn1 and this worker's two scratch rows. */
  heap: Heap;
  syn0: number;
  syn1: number;
  scratch: number;
  alias: Int32Array;
  codes: Uint8Array;
  points: Int32Array;
  codeLengths: Uint8Array;
  codeStride: number;
  /** Shared: PROGRESS_SLOTS doubles per worker. */
  progress: Float64Array;
}

export async function trainShard(task: ShardTask, onTick: () => void): Promise<void> {
  const tables = buildSigmoidTables();
  const state: KernelState = {
    ops: vectorOpsFor(task.heap),
    stride: task.stride,
    window: task.window,
    negative: task.negative,
    vocabSize: task.keep.length,
    syn0: task.syn0,
    syn1: task.syn1,
    neu1: task.scratch,
    neu1e: task.scratch + task.stride,
    sigmoid: tables.sigmoid,
    lossPos: tables.lossPos,
    lossNeg: tables.lossNeg,
    alias: task.alias,
    codes: task.codes,
    points: task.points,
    codeLengths: task.codeLengths,
    codeStride: task.codeStride,
    rng: seedFor(task.seed, task.workerId),
    lossSum: 0,
    predictions: 0,
  };
  const kernel = kernelFor(task.model, task.loss);
  const { keep, progress, threads } = task;
  const slot = task.workerId * PROGRESS_SLOTS;
  const totalWords = task.epochs * task.trainWords + 1;
  const minAlpha = task.alpha * task.minAlphaFraction;
  const sen = new Int32Array(MAX_SENTENCE_LENGTH);
  let senLen = 0;
  let alpha = task.alpha;
  let done = 0; // words read, all epochs
  let lastUpdate = 0;

  const updateAlpha = (): void => {
    progress[slot] = done;
    progress[slot + 1] = state.lossSum;
    progress[slot + 2] = state.predictions;
    let all = 0;
    for (let w = 0; w < threads; w++) all += progress[w * PROGRESS_SLOTS]!;
    alpha = task.alpha * (1 - all / totalWords);
    if (alpha < minAlpha) alpha = minAlpha;
    lastUpdate = done;
    onTick();
  };
  const flushSentence = (): void => {
    if (senLen > 0) kernel(state, sen, senLen, alpha);
    senLen = 0;
    if (done - lastUpdate > UPDATE_EVERY) updateAlpha();
  };
  // One in-vocabulary word (id ≥ 0), `</s>` included: counted, subsampled, added to the sentence.
  const onWord = (id: number): void => {
    done++;
    if (id === 0) return flushSentence();
    const k = keep[id]!;
    if (k < 1) {
      let r = state.rng;
      r ^= r << 13;
      r ^= r >>> 17;
      r ^= r << 5;
      state.rng = r;
      if ((r >>> 0) * 2.3283064365386963e-10 >= k) return;
    }
    sen[senLen++] = id;
    if (senLen === MAX_SENTENCE_LENGTH) flushSentence();
  };

  const table = task.table ? WordTable.fromData(task.table) : undefined;
  for (let epoch = 0; epoch < task.epochs; epoch++) {
    progress[slot + 3] = epoch;
    const input = task.input;
    if (input.kind === 'ids') {
      const ids = input.ids;
      for (let i = input.start; i < input.end; i++) {
        const id = ids[i]!;
        if (id >= 0) onWord(id);
      }
    } else {
      const scanner = new WordScanner((bytes, start, end) => {
        const id = table!.find(bytes, start, end);
        if (id >= 0) onWord(id);
      });
      let base = 0;
      for (const f of input.files) {
        const from = Math.max(0, input.start - base);
        const to = Math.min(f.size, input.end - base);
        base += f.size;
        if (from >= to) continue;
        for await (const chunk of fileRangeChunks(f.path, from, to)) scanner.push(chunk);
        scanner.flush();
      }
    }
    flushSentence(); // a share's last sentence is trained too (word2vec C drops it)
  }
  updateAlpha();
}
