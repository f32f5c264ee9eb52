/**
 * Running shards on worker threads: one worker per shard, all started at once, each posting ticks
 * while it trains. The first error stops the others and is rethrown once all are down (fastText's
 * trainException_). Workers load from dist/ (compiled JavaScript) or, when this module itself runs
 * from TypeScript sources (tests, benches), through tsx — as @nlpkit/tokenize's count workers do.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ShardTask } from './shard.js';
import { CorpusFileError } from '../errors.js';
import type { FromWorker, WorkerErrorData } from './worker.js';

function startWorker(task: ShardTask): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: task });
  // tsx is resolved from this package, since an eval worker resolves bare names from the cwd.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}

export function runWorkers(tasks: ShardTask[], onTick: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers = tasks.map(startWorker);
    let running = workers.length;
    let failure: unknown;
    const finish = (w: Worker): void => {
      running--;
      void w.terminate();
      if (running === 0) {
        if (failure !== undefined) reject(failure);
        else resolve();
      }
    };
    const fail = (error: unknown): void => {
      if (failure === undefined) {
        failure = error;
        for (const w of workers) void w.terminate();
      }
    };
    for (const w of workers) {
      let ended = false;
      const end = (): void => {
        if (!ended) {
          ended = true;
          finish(w);
        }
      };
      w.on('message', (m: FromWorker) => {
        if (m.kind === 'tick') onTick();
        else if (m.kind === 'done') end();
        else {
          fail(toError(m.error));
          end();
        }
      });
      w.on('error', (e) => {
        fail(e);
        end();
      });
      w.on('exit', (code) => {
        if (!ended && failure === undefined && code !== 0) fail(new Error(`word2vec worker exited with code ${code}`));
        end();
      });
    }
  });
}

function toError(e: WorkerErrorData): Error {
  if (e.file !== undefined && e.reason !== undefined) return new CorpusFileError(e.file, e.reason);
  const error = new Error(`word2vec worker failed: ${e.message}`);
  if (e.stack) error.stack = e.stack;
  return error;
}
