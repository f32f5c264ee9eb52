/**
 * Worker body of fastText training: runs `trainThread` on its `ThreadTask` (shared weights and progress)
 * and posts `done`, or the error as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainThread, type ThreadTask } from './train-kernel.js';

export type FromFastTextWorker = { kind: 'done' } | { kind: 'error'; message: string; stack?: string };

const port = parentPort!;
try {
  trainThread(workerData as ThreadTask);
  port.postMessage({ kind: 'done' } satisfies FromFastTextWorker);
} catch (e) {
  const err = e as { message?: string; stack?: string };
  port.postMessage({ kind: 'error', message: String(err?.message ?? e), stack: err?.stack } satisfies FromFastTextWorker);
}
