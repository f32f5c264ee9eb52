/**
 * GloVe worker body: holds its `SliceTask` (shared weights) for the whole run; on each `iterate`
 * message it trains one pass over its slice and posts the cost back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainSlice, type SliceTask } from './slice.js';

export type ToGloveWorker = { kind: 'iterate' };
export type FromGloveWorker = { kind: 'cost'; cost: number } | { kind: 'error'; message: string; stack?: string; dir?: string; reason?: string; errno?: string; code?: string };

const port = parentPort!;
const task = workerData as SliceTask;
port.on('message', () => {
  try {
    port.postMessage({ kind: 'cost', cost: trainSlice(task) } satisfies FromGloveWorker);
  } catch (e) {
    const err = e as { message?: string; stack?: string; dir?: string; reason?: string; errno?: string; code?: string };
    port.postMessage({ kind: 'error', message: String(err?.message ?? e), stack: err?.stack, dir: err?.dir, reason: err?.reason, errno: err?.errno, code: err?.code } satisfies FromGloveWorker);
  }
});
