/**
 * GloVe's threads as long-lived workers: each is started once with its slice and the shared weights,
 * then told to `iterate` once per pass (glove.c creates pthreads per iteration; starting a worker costs
 * far more, so ours wait between passes). The first error ends them all and is rethrown. Workers load
 * from dist/ or, when this module runs from TypeScript (tests, benches), through tsx — started by `train/pool.ts`.
 */
import type { Worker } from 'node:worker_threads';
import { SpillDirError } from '../errors.js';
import { startWorker, workerScript } from '../train/pool.js';
import type { SliceTask } from './slice.js';
import type { FromGloveWorker } from './worker.js';

export class GlovePool {
  private readonly workers: Worker[];
  private pending: { resolve: (cost: number) => void; reject: (e: unknown) => void } | undefined;
  private waiting = 0;
  private cost = 0;
  private failure: unknown;

  constructor(tasks: SliceTask[]) {
    const script = workerScript(import.meta.url, 'worker');
    this.workers = tasks.map((task) => startWorker(script, task));
    for (const w of this.workers) {
      w.on('message', (m: FromGloveWorker) => {
        if (m.kind === 'cost') this.cost += m.cost;
        else this.fail(toError(m));
        this.arrived();
      });
      w.on('error', (e) => {
        this.fail(e);
        this.arrived();
      });
      w.on('exit', (code) => {
        if (this.pending && code !== 0) {
          this.fail(new Error(`GloVe worker exited with code ${code}`));
          this.arrived();
        }
      });
    }
  }

  /** One pass of every worker over its slice; resolves with the summed cost. */
  iterate(): Promise<number> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.cost = 0;
    this.waiting = this.workers.length;
    const done = new Promise<number>((resolve, reject) => (this.pending = { resolve, reject }));
    for (const w of this.workers) w.postMessage({ kind: 'iterate' });
    return done;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(e: unknown): void {
    if (this.failure === undefined) this.failure = e;
  }

  private arrived(): void {
    if (!this.pending || --this.waiting > 0) return;
    const p = this.pending;
    this.pending = undefined;
    if (this.failure !== undefined) p.reject(this.failure);
    else p.resolve(this.cost);
  }
}

function toError(m: Extract<FromGloveWorker, { kind: 'error' }>): Error {
  if (m.code === 'SPILL_DIR' && m.dir !== undefined) return new SpillDirError(m.dir, m.reason ?? m.message, m.errno);
  const error = new Error(`GloVe worker failed: ${m.message}`);
  if (m.stack) error.stack = m.stack;
  return error;
}
