/**
 * The worker pool of the trainers (word2vec's shards, fastText's threads): one worker per task, all
 * started at once, each posting `tick`s while it trains and `done` or `error` at the end (`serveTask`
 * is that protocol on the worker side). The first error stops the others and is rethrown once all are
 * down (fastText's trainException_); a worker's `CorpusFileError` comes back as one. Workers load from
 * dist/ (compiled JavaScript) or, when the calling module runs from TypeScript sources (tests, benches),
 * through tsx — as @nlpkit/tokenize's count workers do.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CorpusFileError } from '../errors.js';

export type FromWorker = { kind: 'tick' } | { kind: 'done' } | { kind: 'error'; error: WorkerErrorData };

/** An error as plain data (a structured clone would lose its class). */
export interface WorkerErrorData {
  message: string;
  stack?: string;
  file?: string;
  reason?: string;
}

/**
 * The worker script `name` (without extension) next to the module at `moduleUrl` (its
 * `import.meta.url`): `.ts` when that module runs from sources, else `.js`.
 */
export function workerScript(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl);
}

/** Starts `script` with `data` as its workerData; a `.ts` script is booted through tsx. */
export function startWorker(script: URL, data: unknown): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { workerData: data });
  // tsx is resolved from this package, since an eval worker resolves bare names from the cwd.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * Runs one worker of `script` per task and resolves when all are done. `label` names the trainer in
 * errors ("word2vec worker failed: …").
 */
export function runWorkers(script: URL, tasks: readonly unknown[], onTick: () => void, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers = tasks.map((t) => startWorker(script, t));
    let running = workers.length;
    let failure: unknown;
    const fail = (error: unknown): void => {
      if (failure === undefined) {
        failure = error;
        for (const w of workers) void w.terminate();
      }
    };
    for (const w of workers) {
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        running--;
        void w.terminate();
        if (running === 0) {
          if (failure !== undefined) reject(failure);
          else resolve();
        }
      };
      w.on('message', (m: FromWorker) => {
        if (m.kind === 'tick') onTick();
        else if (m.kind === 'done') end();
        else {
          fail(toError(m.error, label));
          end();
        }
      });
      w.on('error', (e) => {
        fail(e);
        end();
      });
      w.on('exit', (code) => {
        if (!ended && failure === undefined && code !== 0) fail(new Error(`${label} worker exited with code ${code}`));
        end();
      });
    }
  });
}

/**
 * The worker side: runs `body` on this worker's task, posting a `tick` whenever `body` calls its
 * `tick`, then `done`, or the error as data.
 */
export function serveTask<T>(body: (task: T, tick: () => void) => void | Promise<void>): void {
  const port = parentPort!;
  const tick = (): void => port.postMessage({ kind: 'tick' } satisfies FromWorker);
  Promise.resolve()
    .then(() => body(workerData as T, tick))
    .then(
      () => port.postMessage({ kind: 'done' } satisfies FromWorker),
      (e: unknown) => {
        const err = e as { message?: string; stack?: string; file?: string; reason?: string };
        const error: WorkerErrorData = { message: String(err?.message ?? e), stack: err?.stack, file: err?.file, reason: err?.reason };
        port.postMessage({ kind: 'error', error } satisfies FromWorker);
      },
    );
}

function toError(e: WorkerErrorData, label: string): Error {
  if (e.file !== undefined && e.reason !== undefined) return new CorpusFileError(e.file, e.reason);
  const error = new Error(`${label} worker failed: ${e.message}`);
  if (e.stack) error.stack = e.stack;
  return error;
}
