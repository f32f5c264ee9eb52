/**
 * Runs fastText training threads on worker_threads (one per `ThreadTask`). Workers load from dist/
 * (JavaScript) or, when this module runs from TypeScript sources (tests, benches), through tsx — the
 * same boot as `../train/pool.ts` (kept separate: that pool is typed to word2vec's tasks). The first
 * error stops the others and is rethrown once all have stopped (fastText's trainException_).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ThreadTask } from './train-kernel.js';
import type { FromFastTextWorker } from './train-worker.js';

function startWorker(task: ThreadTask): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './train-worker.ts' : './train-worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: task });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}

export function runThreads(tasks: ThreadTask[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers = tasks.map(startWorker);
    let running = workers.length;
    let failure: unknown;
    for (const w of workers) {
      let ended = false;
      const end = (error?: unknown): void => {
        if (ended) return;
        ended = true;
        if (error !== undefined && failure === undefined) {
          failure = error;
          for (const other of workers) void other.terminate();
        }
        void w.terminate();
        if (--running === 0) {
          if (failure !== undefined) reject(failure);
          else resolve();
        }
      };
      w.on('message', (m: FromFastTextWorker) => {
        if (m.kind === 'done') end();
        else {
          const error = new Error(`fastText training thread failed: ${m.message}`);
          if (m.stack) error.stack = m.stack;
          end(error);
        }
      });
      w.on('error', (e) => end(e));
      w.on('exit', (code) => end(code === 0 || failure !== undefined ? undefined : new Error(`fastText training thread exited with code ${code}`)));
    }
  });
}
