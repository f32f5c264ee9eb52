/**
 * Step one of every trainer: count the words (pre-tokens) of the corpus. The string → count table is
 * the only structure that grows with the corpus. With `threads` > 1, once the corpus proves larger
 * than a few megabytes, chunks go round-robin to `threads - 1` worker threads and the main thread
 * (each with its own table, merged at the end); the main thread also reads. Small corpora are counted
 * inline: a worker costs tens of milliseconds to start (from dist; a few hundred under tsx).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { countLines, countSequence, wordKeyToToken, type SplitOptions, type WordCountMap } from './word-splitters.js';
import { corpusChunks, type ChunkOptions, type Corpus, type CorpusChunk } from './corpus.js';
import type { FromWorker, ToWorker } from './count-worker.js';
import type { TrainingProgress } from './options.js';

/** Unique words (vocabulary strings: byte-level words already mapped) and their counts, in first-seen order. */
export interface WordCounts {
  words: string[];
  counts: Float64Array;
  /** UTF-16 code units (texts) or bytes (files) read. */
  inputSize: number;
}

/** Counted inline before workers are considered. */
const INLINE_BYTES = 4 << 20;
/** Chunks a worker may have queued: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 3;

export async function countWords(
  corpus: Corpus,
  split: SplitOptions,
  threads: number,
  onProgress?: (p: TrainingProgress) => void,
  chunkOptions: ChunkOptions = {},
): Promise<WordCounts> {
  const counts: WordCountMap = new Map();
  let pool: WorkerPool | undefined;
  let read = 0;
  let turn = 0;
  try {
    for await (const chunk of corpusChunks(corpus, chunkOptions)) {
      read += chunkSize(chunk);
      if (pool === undefined && threads > 1 && read > INLINE_BYTES) pool = new WorkerPool(threads - 1, split);
      // Round-robin over the workers and this thread: every `threads`-th chunk is counted here.
      if (pool && turn++ % threads !== 0) await pool.send(chunk);
      else countChunk(chunk, split, counts);
      onProgress?.({ stage: 'count', done: read, total: undefined });
    }
    if (pool) for (const part of await pool.finish()) mergeInto(counts, part.words, part.counts);
  } finally {
    pool?.terminate();
  }
  return toWordCounts(counts, split, read);
}

function chunkSize(chunk: CorpusChunk): number {
  return chunk.kind === 'lines' ? chunk.bytes.length : chunk.bytes;
}

function countChunk(chunk: CorpusChunk, split: SplitOptions, counts: WordCountMap): void {
  if (chunk.kind === 'lines') countLines(chunk.bytes, 0, chunk.bytes.length, split, counts);
  else for (const text of chunk.texts) countSequence(text, split, counts);
}

function mergeInto(counts: WordCountMap, words: string[], values: Float64Array): void {
  for (let i = 0; i < words.length; i++) counts.set(words[i]!, (counts.get(words[i]!) ?? 0) + values[i]!);
}

function toWordCounts(map: WordCountMap, split: SplitOptions, inputSize: number): WordCounts {
  const words = new Array<string>(map.size);
  const counts = new Float64Array(map.size);
  let i = 0;
  for (const [key, n] of map) {
    words[i] = wordKeyToToken(key, split.style);
    counts[i++] = n;
  }
  return { words, counts, inputSize };
}

/** Starts the count worker; from TypeScript sources (tests, benches) it is loaded through tsx. */
function startWorker(split: SplitOptions): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './count-worker.ts' : './count-worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: split });
  // tsx is resolved here, from the package, since an eval worker resolves bare names from the cwd.
  // require.resolve finds the CommonJS entry; the worker imports its ES-module twin.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: split });
}

class WorkerPool {
  private readonly workers: Worker[];
  private readonly inFlight: number[];
  private readonly waiting: Array<(() => void) | undefined>;
  private next = 0;
  private failure: Error | undefined;

  constructor(threads: number, split: SplitOptions) {
    this.workers = Array.from({ length: threads }, () => startWorker(split));
    this.inFlight = this.workers.map(() => 0);
    this.waiting = this.workers.map(() => undefined);
    this.workers.forEach((w, i) => {
      w.on('message', (m: FromWorker) => {
        if (m.kind !== 'ack') return;
        this.inFlight[i]!--;
        const wake = this.waiting[i];
        this.waiting[i] = undefined;
        wake?.();
      });
      w.on('error', (err: Error) => {
        this.failure = err;
        const wake = this.waiting[i];
        this.waiting[i] = undefined;
        wake?.();
      });
    });
  }

  async send(chunk: CorpusChunk): Promise<void> {
    const i = this.next;
    this.next = (i + 1) % this.workers.length;
    while (this.inFlight[i]! >= IN_FLIGHT_PER_WORKER && !this.failure) {
      await new Promise<void>((resolve) => (this.waiting[i] = resolve));
    }
    if (this.failure) throw this.failure;
    this.inFlight[i]!++;
    const msg: ToWorker =
      chunk.kind === 'lines' ? { kind: 'lines', bytes: chunk.bytes } : { kind: 'texts', texts: chunk.texts };
    if (chunk.kind === 'lines') this.workers[i]!.postMessage(msg, [chunk.bytes.buffer as ArrayBuffer]);
    else this.workers[i]!.postMessage(msg);
  }

  finish(): Promise<Array<{ words: string[]; counts: Float64Array }>> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<{ words: string[]; counts: Float64Array }>((resolve, reject) => {
            if (this.failure) return reject(this.failure);
            w.on('message', (m: FromWorker) => {
              if (m.kind === 'counts') resolve(m);
            });
            w.once('error', reject);
            w.postMessage({ kind: 'finish' } satisfies ToWorker);
          }),
      ),
    );
  }

  terminate(): void {
    for (const w of this.workers) void w.terminate();
  }
}
