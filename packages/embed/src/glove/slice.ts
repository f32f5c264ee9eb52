/**
 * One thread's share of an iteration, as glove.c gives it: the records [start, start + count) of the
 * shuffled file (thread t starts at t·⌊N/T⌋; the last also takes the remainder), read in blocks and
 * fed to the kernel. Runs in a worker, or inline when there is one thread.
 */
import { RecordCursor } from './records.js';
import { blockTrainer, type BlockTrainer, type GloveHeap, type KernelParams } from './kernel.js';

export interface SliceTask {
  file: string;
  /** Named in errors. */
  dir: string;
  start: number;
  count: number;
  params: KernelParams;
  /** The shared weights; `thread` picks this task's scratch area in it. */
  heap: GloveHeap;
  thread: number;
}

const trainers = new WeakMap<SliceTask, BlockTrainer>();

/** Trains one iteration over the task's records; returns the summed cost. */
export function trainSlice(task: SliceTask): number {
  let train = trainers.get(task);
  if (train === undefined) trainers.set(task, (train = blockTrainer(task.heap, task.thread, task.params)));
  const cursor = new RecordCursor(task.file, task.dir, task.start, task.count);
  let cost = 0;
  try {
    for (;;) {
      const block = cursor.nextBlock();
      if (block.count === 0) break;
      cost += train(block.ints, block.reals, block.count);
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
