/**
 * `countNgramsFromFiles`: counting text files of any size, one sentence per line, in two streaming
 * passes (vocabulary, then n-grams) over byte ranges cut at line starts, spread over worker threads.
 * Results equal `countNgrams` on the same lines (tested), whatever the threads and chunk budget. One file of at
 * most an eighth of the budget, with no threads, is read whole and counted from its bytes instead
 * (`countNgramsFromBytes`: one pass, no string per token).
 *
 * Limits: the vocabulary (a Map of the distinct words) and the final counts (16–20 bytes per distinct
 * n-gram) must fit in memory; the text need not. Each range holds at most about `budgetBytes` of buffered
 * ids and sort arrays before counting them into a run; runs are merged in memory, not spilled to disk (the model is
 * in memory anyway, so the bound is the distinct n-grams, not the text). Peak memory: the budget per
 * thread plus, in the worst case (ranges with disjoint n-grams), about (threads + 2) × the final counts.
 */
import { isUtf8 } from 'node:buffer';
import { open, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CorpusError, EmptyTrainingDataError, InvalidOptionError } from '../errors.js';
import { checkUtf8 } from './byte-words.js';
import { countBytes } from './count-bytes.js';
import { CountKernel } from './count-kernel.js';
import { type ByteRange, countRange, type CountRangeOptions, vocabRange, type VocabResult } from './count-range.js';
import type { FromWorker, ToWorker } from './count-worker.js';
import { NgramCounts } from './ngram-counts.js';
import { type CountOptions, resolveCountOptions } from './options.js';
import { mergeTries, type TrieData } from './trie-data.js';
import { BOS, EOS, NgramVocabulary } from './vocabulary.js';

export interface FileCountOptions extends CountOptions {
  /**
   * Worker threads (default: up to 4 of the available cores when the input is 8 MiB or more, else 0,
   * counting in this thread). Each file of at least 64 KiB is cut into this many ranges.
   */
  threads?: number;
  /** Bytes a range may hold (buffered ids and their sort arrays) before counting them into a run (default 256 MiB). */
  budgetBytes?: number;
  /**
   * Called now and then (about 5 times a second, and once at the end) with how much of the input is done, in
   * bytes out of `totalBytes` (the files' sizes; each of the streaming path's two passes counts for half), for a
   * progress bar. Workers add to a shared counter as they read; this thread polls it.
   */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

const PARALLEL_BYTES = 8 << 20;
const MIN_SPLIT_BYTES = 64 << 10;

/**
 * Counts the n-grams of text files (one sentence per line, words split on whitespace).
 * @example const counts = await countNgramsFromFiles(['corpus.txt'], { order: 3, unkCutoff: 2 });
 */
export async function countNgramsFromFiles(files: readonly string[], options: FileCountOptions): Promise<NgramCounts> {
  const { order, unkCutoff, unkLabel } = resolveCountOptions(options);
  if (!Array.isArray(files) || files.length === 0) throw new InvalidOptionError('files', files, 'a non-empty array of paths');
  const sizes: number[] = [];
  for (let i = 0; i < files.length; i++) {
    if (typeof files[i] !== 'string') throw new InvalidOptionError(`files[${i}]`, files[i], 'a path');
    const st = await stat(files[i]);
    if (!st.isFile()) throw new InvalidOptionError(`files[${i}]`, files[i], 'a regular file');
    sizes.push(st.size);
  }
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const threads = options.threads ?? (totalBytes >= PARALLEL_BYTES ? Math.min(4, availableParallelism()) : 0);
  if (!Number.isInteger(threads) || threads < 0) throw new InvalidOptionError('threads', threads, 'a non-negative integer');
  const budgetBytes = options.budgetBytes ?? 256 << 20;
  if (!(budgetBytes > 0)) throw new InvalidOptionError('budgetBytes', budgetBytes, 'a positive number of bytes');

  // One file that fits the budget in this thread: read whole and counted from its bytes in one pass (no string
  // per token, no second pass; `countNgramsFromBytes`). Brown bigrams/trigrams: 0.2–0.3 / 0.3–0.5 s CPU, against
  // 0.7–0.9 s for the two streaming passes (load 15–25); through the WebAssembly kernel (count-kernel.ts),
  // Laplace set-up included, 0.074 / 0.112 s (bench/nltk.ts, load 3–5).
  if (threads === 0 && files.length === 1 && sizes[0] * 8 <= budgetBytes) {
    // With the WebAssembly kernel, the file is read straight into its memory (kept from count to count: no fresh
    // 5.7 MB buffer per Brown count, whose page faults cost ~3 ms, more after the process has idled).
    const kernel = CountKernel.acquire();
    try {
      const inKernel = kernel !== undefined && CountKernel.fits(sizes[0]) ? await readInto(files[0], kernel.textArea(sizes[0])) : undefined;
      const bytes = inKernel ?? (await readFile(files[0]));
      const size = bytes.length;
      if (!isUtf8(bytes)) {
        let line = 0;
        try {
          checkUtf8(bytes, files[0]);
        } catch (e) {
          line = (e as CorpusError).line;
        }
        throw new InvalidOptionError('files[0]', files[0], `UTF-8 text (invalid bytes on line ${line})`);
      }
      try {
        const counts = countBytes(bytes, options, files[0], kernel);
        options.onProgress?.(totalBytes, totalBytes);
        return counts;
      } catch (e) {
        // The streaming path's messages for an empty file.
        if (e instanceof EmptyTrainingDataError) {
          throw new EmptyTrainingDataError(`files ${files.join(', ')} (${size === 0 || /no lines/.test(e.message) ? 'no lines' : 'no words'})`);
        }
        throw e;
      }
    } finally {
      kernel?.release();
    }
  }

  const ranges: ByteRange[] = [];
  for (let i = 0; i < files.length; i++) {
    const parts = threads > 1 && sizes[i] >= MIN_SPLIT_BYTES ? threads : 1;
    ranges.push(...(await lineAlignedRanges(files[i], i, sizes[i], parts)));
  }
  // Bytes read by both passes, shared with the workers; polled for `onProgress` (half a byte per byte read).
  const onProgress = options.onProgress;
  const read = onProgress === undefined ? undefined : new BigInt64Array(new SharedArrayBuffer(8));
  if (read !== undefined) for (const r of ranges) r.progress = read;
  const report = (): void => onProgress?.(Math.min(totalBytes, Number(Atomics.load(read!, 0)) / 2), totalBytes);
  const poll = onProgress === undefined ? undefined : setInterval(report, 200);

  const pool = threads > 0 ? new Pool(Math.min(threads, ranges.length)) : undefined;
  try {
    const vocabs = await Promise.all(
      ranges.map((range) => (pool ? pool.run({ kind: 'vocab', range }).then(asVocab) : vocabRange(range))),
    );
    const raw = new Map<string, number>();
    let sentences = 0;
    for (const v of vocabs) {
      sentences += v.sentences;
      v.words.forEach((w, i) => raw.set(w, (raw.get(w) ?? 0) + v.counts[i]));
    }
    if (sentences === 0) throw new EmptyTrainingDataError(`files ${files.join(', ')} (no lines)`);
    if (order > 1) {
      raw.set(BOS, (raw.get(BOS) ?? 0) + (order - 1) * sentences);
      raw.set(EOS, (raw.get(EOS) ?? 0) + (order - 1) * sentences);
    } else if (raw.size === 0) {
      throw new EmptyTrainingDataError(`files ${files.join(', ')} (no words)`);
    }
    const vocab = new NgramVocabulary(raw, unkCutoff, unkLabel);
    const co: CountRangeOptions = {
      order,
      words: vocab.words,
      unkId: vocab.unkId,
      bosId: vocab.lookup(BOS),
      eosId: vocab.lookup(EOS),
      budgetBytes,
    };
    const tries = await Promise.all(
      ranges.map((range) => (pool ? pool.run({ kind: 'count', range, options: co }).then(asTrie) : countRange(range, co))),
    );
    let trie = tries[0];
    for (let i = 1; i < tries.length; i++) trie = mergeTries(trie, tries[i]);
    const counts = new NgramCounts(trie, vocab);
    report();
    return counts;
  } finally {
    if (poll !== undefined) clearInterval(poll);
    await pool?.close();
  }
}

function asVocab(m: FromWorker): VocabResult {
  if (m.kind !== 'vocab') throw new Error(`count worker: expected vocab, got ${m.kind}`);
  return m;
}

function asTrie(m: FromWorker): TrieData {
  if (m.kind !== 'count') throw new Error(`count worker: expected counts, got ${m.kind}`);
  return m.trie;
}

/**
 * `file` read into `into` (sized by its `stat`): the bytes read (fewer if it has shrunk since), or undefined when
 * it has grown past `into` (then it is read whole elsewhere).
 */
async function readInto(file: string, into: Uint8Array): Promise<Uint8Array | undefined> {
  const fh = await open(file, 'r');
  try {
    let at = 0;
    while (at < into.length) {
      const { bytesRead } = await fh.read(into, at, into.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    if (at === into.length && (await fh.read(Buffer.alloc(1), 0, 1, at)).bytesRead > 0) return undefined;
    return into.subarray(0, at);
  } finally {
    await fh.close();
  }
}

/** `parts` ranges of about equal size, each moved forward to just after a `\n`. */
async function lineAlignedRanges(file: string, fileIndex: number, size: number, parts: number): Promise<ByteRange[]> {
  const cuts = [0];
  if (parts > 1) {
    const fh = await open(file, 'r');
    try {
      const probe = Buffer.alloc(64 << 10);
      for (let p = 1; p < parts; p++) {
        let pos = Math.max(Math.floor((size * p) / parts), cuts[cuts.length - 1]);
        // Find the first line start at or after pos (a line start: position 0 or just after '\n').
        for (;;) {
          if (pos >= size) break;
          const { bytesRead } = await fh.read(probe, 0, probe.length, pos - 1);
          const nl = probe.subarray(0, bytesRead).indexOf(10);
          if (nl >= 0) {
            pos = pos - 1 + nl + 1;
            break;
          }
          pos += bytesRead;
          if (bytesRead === 0) break;
        }
        cuts.push(Math.min(pos, size));
      }
    } finally {
      await fh.close();
    }
  }
  cuts.push(size);
  const out: ByteRange[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (cuts[i + 1] > cuts[i] || (size === 0 && i === 0)) out.push({ file, fileIndex, start: cuts[i], end: cuts[i + 1] });
  }
  return out;
}

/** Starts the count worker; from TypeScript sources (tests, benches) it is loaded through tsx. */
function startWorker(): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './count-worker.ts' : './count-worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  // tsx is resolved here, from the package, since an eval worker resolves bare names from the cwd.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** A fixed set of workers taking one job at a time each; jobs queue in order. */
class Pool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Array<() => void> = [];

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
      this.all.push(w);
      this.idle.push(w);
    }
  }

  async run(job: ToWorker): Promise<FromWorker> {
    const w = await this.acquire();
    try {
      return await new Promise<FromWorker>((resolve, reject) => {
        const onMessage = (m: FromWorker): void => {
          cleanup();
          if (m.kind === 'error') reject(rebuildError(m));
          else resolve(m);
        };
        const onError = (err: Error): void => {
          cleanup();
          reject(err);
        };
        const cleanup = (): void => {
          w.off('message', onMessage);
          w.off('error', onError);
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage(job);
      });
    } finally {
      this.release(w);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    return new Promise((resolve) => this.queue.push(() => resolve(this.idle.pop()!)));
  }

  private release(w: Worker): void {
    this.idle.push(w);
    this.queue.shift()?.();
  }
}

/** The worker's error as the class it was thrown as, where that is ours. */
function rebuildError(m: Extract<FromWorker, { kind: 'error' }>): Error {
  const p = m.props as { code?: string; option?: string; value?: unknown; expected?: string };
  if (p.code === 'INVALID_OPTION' && typeof p.option === 'string') return new InvalidOptionError(p.option, p.value, String(p.expected));
  const e = new Error(m.message);
  e.name = m.name;
  return Object.assign(e, m.props);
}
