/**
 * Worker body of parallel analogy evaluation: answers its range of questions over the shared batch
 * (SharedArrayBuffers) and posts `done`, or `error` with the message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRange, type AnalogyBatch } from './analogy.kernel.js';

export interface AnalogyWorkerTask {
  batch: AnalogyBatch;
  start: number;
  end: number;
  correct: Uint8Array;
}

export type FromAnalogyWorker = { kind: 'done' } | { kind: 'error'; message: string };

const task = workerData as AnalogyWorkerTask;
try {
  answerRange(task.batch, task.start, task.end, task.correct);
  parentPort!.postMessage({ kind: 'done' } satisfies FromAnalogyWorker);
} catch (e) {
  parentPort!.postMessage({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromAnalogyWorker);
}
