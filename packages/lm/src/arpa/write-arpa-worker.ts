/**
 * The worker half of `writeArpa`'s two-thread write: formats the lines from one place of the file to
 * another (`ArpaFiller`) over the model's values in SharedArrayBuffers, and posts the bytes back in
 * chunks (transferred, not copied), then `done`. The main thread writes them after its own half.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArpaFiller, type ArpaPlace, type ArpaSource, type ArpaTableSource } from './write-arpa.js';

/** The model as the worker gets it: per order, four arrays over shared memory. */
export interface WriterJob {
  readonly words: readonly string[];
  readonly counts: readonly number[];
  readonly tables: readonly { suffix: Uint32Array; left: Uint32Array; prob: Float32Array; backoff: Float32Array }[];
  readonly from: ArpaPlace;
  readonly to: ArpaPlace;
  readonly chunkBytes: number;
}

export type FromWriter = { kind: 'chunk'; bytes: Uint8Array } | { kind: 'done' } | { kind: 'error'; message: string };

class SharedTable implements ArpaTableSource {
  constructor(private readonly a: WriterJob['tables'][number]) {}
  get length(): number {
    return this.a.left.length;
  }
  suffix(i: number): number {
    return this.a.suffix[i];
  }
  left(i: number): number {
    return this.a.left[i];
  }
  prob(i: number): number {
    return this.a.prob[i];
  }
  backoff(i: number): number {
    return this.a.backoff[i];
  }
}

const port = parentPort;
if (port) {
  const job = workerData as WriterJob;
  try {
    const model: ArpaSource = { order: job.tables.length, words: job.words, counts: job.counts, tables: job.tables.map((t) => new SharedTable(t)) };
    const filler = new ArpaFiller(model, job.from, job.to);
    while (!filler.done) {
      const buf = new Uint8Array(Math.max(job.chunkBytes, 2 * filler.lineMax));
      const bytes = buf.subarray(0, filler.fill(buf));
      port.postMessage({ kind: 'chunk', bytes } satisfies FromWriter, [buf.buffer]);
    }
    port.postMessage({ kind: 'done' } satisfies FromWriter);
  } catch (err) {
    port.postMessage({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies FromWriter);
  }
}
