/**
 * Worker body: trains its `ShardTask` (see `shard.ts`) on the shared weights, posting a tick about
 * every 10,000 words (the main thread reads the numbers from the shared progress array) and
 * `done` or `error` at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainShard, type ShardTask } from './shard.js';

export type FromWorker = { kind: 'tick' } | { kind: 'done' } | { kind: 'error'; error: WorkerErrorData };

/** An error as plain data (a structured clone would lose its class). */
export interface WorkerErrorData {
  message: string;
  stack?: string;
  file?: string;
  reason?: string;
}

const port = parentPort!;
const task = workerData as ShardTask;
trainShard(task, () => port.postMessage({ kind: 'tick' } satisfies FromWorker)).then(
  () => port.postMessage({ kind: 'done' } satisfies FromWorker),
  (e: unknown) => {
    const err = e as { message?: string; stack?: string; file?: string; reason?: string };
    const error: WorkerErrorData = { message: String(err?.message ?? e), stack: err?.stack, file: err?.file, reason: err?.reason };
    port.postMessage({ kind: 'error', error } satisfies FromWorker);
  },
);
