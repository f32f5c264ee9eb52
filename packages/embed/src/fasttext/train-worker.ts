/**
 * Worker body of fastText training: runs `trainThread` on its `ThreadTask` (shared weights and progress;
 * the main thread reads progress from the shared array, so no ticks are posted), with `../train/pool.ts`'s
 * protocol.
 */
import { serveTask } from '../train/pool.js';
import { trainThread, type ThreadTask } from './train-kernel.js';

serveTask<ThreadTask>(async (task) => {
  await trainThread(task);
});
