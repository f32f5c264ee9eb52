/**
 * Analogy evaluation on worker threads: the batch is copied once into SharedArrayBuffers, and each
 * worker answers a contiguous range of questions into a shared result array. Workers load from dist/
 * (compiled JavaScript) or, when this module runs from TypeScript sources (tests, benches), through tsx,
 * as the word2vec trainer's do.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalogyBatch } from './analogy.kernel.js';
import type { AnalogyWorkerTask, FromAnalogyWorker } from './analogy-worker.js';

function startWorker(task: AnalogyWorkerTask): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './analogy-worker.ts' : './analogy-worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: task });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}

function shared<T extends Float32Array | Int32Array>(a: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Answers every question of `batch` on `threads` workers; resolves to the right/wrong array. */
export async function answerInParallel(batch: AnalogyBatch, threads: number): Promise<Uint8Array> {
  const n = batch.quads.length / 4;
  const sharedBatch: AnalogyBatch = {
    ...batch,
    unit: shared(batch.unit.subarray(0, batch.rows * batch.dim), (b) => new Float32Array(b)),
    keyIds: shared(batch.keyIds, (b) => new Int32Array(b)),
    quads: shared(batch.quads, (b) => new Int32Array(b)),
  };
  const correct = new Uint8Array(new SharedArrayBuffer(Math.max(1, n)));
  const per = Math.ceil(n / threads);
  const tasks: AnalogyWorkerTask[] = [];
  for (let start = 0; start < n; start += per) tasks.push({ batch: sharedBatch, start, end: Math.min(n, start + per), correct });
  await Promise.all(
    tasks.map(
      (task) =>
        new Promise<void>((resolve, reject) => {
          const w = startWorker(task);
          let settled = false;
          const settle = (err?: Error) => {
            if (settled) return;
            settled = true;
            void w.terminate();
            if (err) reject(err);
            else resolve();
          };
          w.on('message', (m: FromAnalogyWorker) => settle(m.kind === 'done' ? undefined : new Error(`analogy worker failed: ${m.message}`)));
          w.on('error', (e) => settle(e));
          w.on('exit', (code) => settle(code === 0 ? undefined : new Error(`analogy worker exited with code ${code}`)));
        }),
    ),
  );
  return correct.slice(0, n);
}
