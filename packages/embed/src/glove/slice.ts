/**
 * One thread's share of an iteration, as glove.c gives it: the records [start, start + count) of the
 * shuffled file (thread t starts at t·⌊N/T⌋; the last also takes the remainder), read in blocks and
 * fed to the kernel. Runs in a worker, or inline when there is one thread.
 */
import { RecordCursor } from './records.js';
import { trainRecords, type KernelParams } from './kernel.js';

export interface SliceTask {
  file: string;
  /** Named in errors. */
  dir: string;
  start: number;
  count: number;
  params: KernelParams;
  /** SharedArrayBuffer-backed when threads > 1. */
  W: Float64Array;
  gradsq: Float64Array;
}

/** Trains one iteration over the task's records; returns the summed cost. */
export function trainSlice(task: SliceTask): number {
  const cursor = new RecordCursor(task.file, task.dir, task.start, task.count);
  let cost = 0;
  try {
    for (;;) {
      const block = cursor.nextBlock();
      if (block.count === 0) break;
      cost += trainRecords(task.W, task.gradsq, block.ints, block.reals, block.count, task.params);
    }
  } finally {
    cursor.close();
  }
  return cost;
}

/** glove.c's split of `n` records over `threads`. */
export function sliceOf(n: number, threads: number, t: number): { start: number; count: number } {
  const per = Math.floor(n / threads);
  return { start: per * t, count: t === threads - 1 ? per + (n % threads) : per };
}
