/**
 * Writing an `ArpaModel` as an ARPA file in lmplz's layout: the `\data\` counts, one section per order
 * with "log10p<TAB>words[<TAB>backoff]" lines (a backoff on every n-gram below the highest order, none
 * on the highest), numbers in KenLM's shortest float32 form, then `\end\`. Written through a temp file
 * renamed into place (gzip when the name ends in ".gz").
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeAtomically } from '@nlpkit/tokenize/atomic-write';
import type { ArpaModel } from './arpa-model.js';
import { writeFloat32 } from './float-format.js';
import type { FromWriter, WriterJob } from './write-arpa-worker.js';

/** The ARPA text of `model`, in chunks of many lines (for streaming writers). */
export function* arpaChunks(model: ArpaModel): Generator<string> {
  for (const b of arpaBuffers(model)) yield b.toString('utf8');
}

const CHUNK = 1 << 20;

// Backoffs repeat, and finding the shortest digits costs more than copying them: a direct-mapped cache
// on the float's bits holds each number's ASCII bytes (up to 31, in a 32-byte row).
const NUM_BITS = 16;
const numKey = new Int32Array(1 << NUM_BITS);
const numLen = new Uint8Array(1 << NUM_BITS);
const numText = new Uint8Array((1 << NUM_BITS) * 32);
const bitsF = new Float32Array(1);
const bitsI = new Int32Array(bitsF.buffer);

/**
 * Copies `len` bytes from `src` at `from` to `dst` at `pos` four at a time, which may write up to 3
 * bytes past the end (both sides must have that slack; later writes cover it). Byte loops were the top
 * lines of the writer's profile (the end-to-end gain was within the noise of a loaded machine);
 * `set(subarray(…))` allocates a view per copy.
 */
function copy4(src: DataView, from: number, len: number, dst: DataView, pos: number): void {
  for (let k = 0; k < len; k += 4) dst.setUint32(pos + k, src.getUint32(from + k, true), true);
}

const numView = new DataView(numText.buffer);

/** Writes `x` (float32) as `formatFloat32` does into `buf` (viewed by `view`) at `pos` (room for 32 bytes needed); returns the end. */
function putFloat(x: number, buf: Uint8Array, view: DataView, pos: number): number {
  bitsF[0] = x;
  const bits = bitsI[0];
  const slot = Math.imul(bits ^ (bits >>> 16), 0x45d9f3b) >>> (32 - NUM_BITS);
  const len = numLen[slot];
  if (len !== 0 && numKey[slot] === bits) {
    copy4(numView, slot << 5, len, view, pos);
    return pos + len;
  }
  const end = writeFloat32(x, buf, pos);
  // Rows of 32 bytes: a cached number leaves room for copy4's overshoot.
  if (end - pos <= 28) {
    for (let k = pos, at = slot << 5; k < end; k++) numText[at++] = buf[k];
    numKey[slot] = bits;
    numLen[slot] = end - pos;
  }
  return end;
}

/** Writes the ASCII text `s` into `buf` at `pos`; returns the end. (Not a closure over `pos`: that would put the hot loop's position in a context object.) */
function putAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let k = 0; k < s.length; k++) buf[pos++] = s.charCodeAt(k);
  return pos;
}

/**
 * Fills byte buffers with the ARPA text of a model, line by line, between two places of the file:
 * words pre-encoded once, probabilities printed by `writeFloat32`, backoffs via `putFloat`, and each
 * n-gram's suffix ("w2 … wn") kept as text per order in a right-aligned scratch, so a line rewrites
 * only the words whose n-gram changed (lmplz's suffix order makes consecutive lines share most of
 * their suffix). Strings per line (and a string per number) took ~0.75 s of a 4.6 s order-3 training.
 */
/** What the writer reads of a table: an `NgramTable`, or a worker's view of its values. */
export interface ArpaTableSource {
  readonly length: number;
  suffix(i: number): number;
  left(i: number): number;
  prob(i: number): number;
  backoff(i: number): number;
}

/** What the writer reads of a model (an `ArpaModel` is one). */
export interface ArpaSource {
  readonly order: number;
  readonly words: readonly string[];
  readonly counts: readonly number[];
  readonly tables: readonly ArpaTableSource[];
}

/**
 * A place in the file: section `n` (0 = the `\\data\\` header, order + 1 = `\\end\\`) at entry `i`
 * (-1 = the section's header line). Places compare as (n, i).
 */
export type ArpaPlace = readonly [n: number, i: number];

/** The place of entry `i` of section `n` (its section header first when `i` is 0). */
export function arpaPlace(n: number, i: number): ArpaPlace {
  return [n, i === 0 ? -1 : i];
}

export class ArpaFiller {
  /** Every word's UTF-8 bytes, one after another (+ slack for `copy4`). */
  private readonly wordBytes: DataView;
  private readonly wordStart: Int32Array;
  /** The longest line's bytes (bound). */
  readonly lineMax: number;
  private readonly scratch: Uint8Array;
  private readonly scratchView: DataView;
  /** Where the suffix texts end in `scratch` (slack after it for `copy4`). */
  private readonly scratchEnd: number;
  /** Per order k (1-based): which entry's text is in `scratch[levelStart[k]..scratchEnd)` (-1 none). */
  private readonly levelEntry: Int32Array;
  private readonly levelStart: Int32Array;
  private readonly pending: Int32Array;
  /** Where the writer is: order `n`, entry `i` (-1: the section's header is next); n = 0 before the `\\data\\` header. */
  private n: number;
  private i: number;
  done = false;

  /** Writes the lines from place `from` up to (not including) place `to` (the end of the file by default). */
  constructor(
    private readonly model: ArpaSource,
    from: ArpaPlace = [0, 0],
    private readonly to: ArpaPlace = [model.order + 1, -1],
  ) {
    [this.n, this.i] = from;
    const words = model.words;
    this.wordStart = new Int32Array(words.length + 1);
    const joined = Buffer.from(words.join(''), 'utf8');
    const bytes = new Uint8Array(joined.length + 8);
    bytes.set(joined);
    this.wordBytes = new DataView(bytes.buffer);
    let longest = 0;
    for (let i = 0, at = 0; i < words.length; i++) {
      this.wordStart[i] = at;
      at += Buffer.byteLength(words[i], 'utf8');
      this.wordStart[i + 1] = at;
      if (at - this.wordStart[i] > longest) longest = at - this.wordStart[i];
    }
    // A line: two numbers (≤ 32 bytes of room each), `order` words, separators; a section header fits too.
    this.lineMax = model.order * (longest + 4) + 100;
    this.scratch = new Uint8Array(this.lineMax + 8);
    this.scratchView = new DataView(this.scratch.buffer);
    this.scratchEnd = this.lineMax;
    this.levelEntry = new Int32Array(model.order + 1).fill(-1);
    this.levelStart = new Int32Array(model.order + 1).fill(this.lineMax);
    this.pending = new Int32Array(model.order + 1);
  }

  /** Writes whole lines into `buf` from 0 while a longest line still fits; returns the bytes written. */
  fill(buf: Uint8Array): number {
    const { model, wordBytes, wordStart, scratch, scratchView, scratchEnd, levelEntry, levelStart, pending } = this;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = buf.length - this.lineMax;
    let pos = 0;
    if (this.n === 0) {
      pos = putAscii(buf, pos, `\\data\\\n${model.counts.map((c, i) => `ngram ${i + 1}=${c}\n`).join('')}`);
      this.n = 1;
      this.i = -1;
    }
    const [toN, toI] = this.to;
    while (this.n <= model.order && this.n <= toN && pos < end) {
      const n = this.n;
      const t = model.tables[n - 1];
      if (this.i < 0) {
        if (n === toN && toI < 0) break;
        pos = putAscii(buf, pos, `\n\\${n}-grams:\n`);
        this.i = 0;
      }
      const highest = n === model.order;
      let i = this.i;
      for (const len = n === toN ? Math.min(toI, t.length) : t.length; i < len && pos < end; i++) {
        // Probabilities rarely repeat (1.66M distinct of 3.19M at order 5): printed each time; the cache
        // is for backoffs (8.5k distinct of 2.25M), where skipping it made writing 20% faster.
        pos = writeFloat32(t.prob(i), buf, pos);
        buf[pos++] = 9;
        const w = t.left(i);
        copy4(wordBytes, wordStart[w], wordStart[w + 1] - wordStart[w], view, pos);
        pos += wordStart[w + 1] - wordStart[w];
        if (n > 1) {
          // The suffix's text: find the highest order whose entry is unchanged, rewrite the orders above it.
          const top = n - 1;
          let k = top;
          let j = t.suffix(i);
          while (k >= 1 && levelEntry[k] !== j) {
            pending[k] = j;
            if (k > 1) j = model.tables[k - 1].suffix(j);
            k--;
          }
          let at = k >= 1 ? levelStart[k] : scratchEnd;
          for (let q = k + 1; q <= top; q++) {
            const e = pending[q];
            const word = q === 1 ? e : model.tables[q - 1].left(e);
            const len = wordStart[word + 1] - wordStart[word];
            // Its overshoot lands on the text already placed after it, so that text is copied back after.
            const keep = at < scratchEnd ? scratchView.getUint32(at, true) : 0;
            at -= len;
            copy4(wordBytes, wordStart[word], len, scratchView, at);
            if (at + len < scratchEnd) scratchView.setUint32(at + len, keep, true);
            scratch[--at] = 32;
            levelEntry[q] = e;
            levelStart[q] = at;
          }
          copy4(scratchView, levelStart[top], scratchEnd - levelStart[top], view, pos);
          pos += scratchEnd - levelStart[top];
        }
        if (!highest) {
          buf[pos++] = 9;
          // A zero backoff's sign only marks whether longer n-grams extend it (KenLM's convention): "0" either way.
          const bo = t.backoff(i);
          if (bo === 0) buf[pos++] = 48;
          else pos = putFloat(bo, buf, view, pos);
        }
        buf[pos++] = 10;
      }
      this.i = i;
      if (i === t.length) {
        this.n++;
        this.i = -1;
      } else if (n === toN && i >= toI) break;
    }
    if (this.n > model.order && pos < end) {
      pos = putAscii(buf, pos, '\n\\end\\\n');
      this.done = true;
    } else if (this.n > toN || (this.n === toN && this.i >= toI)) this.done = true;
    return pos;
  }
}

/**
 * The ARPA file of `model` as UTF-8 chunks (each ends at a line end), each a new Buffer of about
 * `chunkBytes` (1 MiB; at least two of the longest lines).
 */
export function* arpaBuffers(model: ArpaModel, chunkBytes = CHUNK): Generator<Buffer> {
  const filler = new ArpaFiller(model);
  const size = Math.max(chunkBytes, 2 * filler.lineMax);
  while (!filler.done) {
    const buf = Buffer.allocUnsafe(size);
    yield buf.subarray(0, filler.fill(buf));
  }
}

/** The whole ARPA text of `model` as one string (small models, tests). */
export function formatArpa(model: ArpaModel): string {
  return [...arpaChunks(model)].join('');
}

export interface WriteArpaOptions {
  /**
   * Threads formatting the text: 2 hands the second half of the lines to a worker (the main thread
   * writes its bytes after its own). Default: 2 for plain (not gzip) files of at least 8M lines on a
   * machine with two or more cores, else 1.
   */
  readonly threads?: 1 | 2;
}

/**
 * Below this many lines the worker does not pay: it costs ~0.15 s of CPU (start, a shared copy of the
 * values, the words cloned), and on the Brown corpus (1.3M lines at order 3, 3.2M at order 5; 2 cores
 * under load) two threads took more CPU and no less wall time than one.
 */
const TWO_THREADS_MIN_LINES = 8_000_000;

/**
 * Writes `model` to `path` (gzip if it ends in ".gz") via a temp file beside it and a rename. The
 * atomic writer comes from @nlpkit/tokenize's light `atomic-write` entry: its main barrel costs ~0.1 s
 * of CPU to load, a twentieth of an order-3 `lm train`.
 */
export async function writeArpa(model: ArpaModel, path: string, options: WriteArpaOptions = {}): Promise<void> {
  await writeAtomically(path, async (fh) => {
    const writeAll = async (chunk: Uint8Array): Promise<void> => {
      for (let off = 0; off < chunk.length; ) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
    };
    const lines = model.counts.reduce((a, b) => a + b, 0);
    const threads = options.threads ?? (lines >= TWO_THREADS_MIN_LINES && availableParallelism() > 1 ? 2 : 1);
    if (path.endsWith('.gz')) {
      const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void writeAll(chunk).then(() => done(), done) });
      await pipeline(Readable.from(arpaBuffers(model)), createGzip(), sink);
    } else if (threads === 2 && lines > 1) await writeTwoThreads(model, writeAll);
    else await writeRange(new ArpaFiller(model), writeAll);
  });
}

/** Writes what `filler` makes, reusing one buffer: each chunk is written before the next is filled. */
async function writeRange(filler: ArpaFiller, writeAll: (chunk: Uint8Array) => Promise<void>): Promise<void> {
  const buf = Buffer.allocUnsafe(Math.max(CHUNK, 2 * filler.lineMax));
  while (!filler.done) await writeAll(buf.subarray(0, filler.fill(buf)));
}

/** The place that splits the file's bytes about in half (lines weighted by their words and numbers). */
function middlePlace(model: ArpaModel): ArpaPlace {
  const N = model.order;
  const weight = (n: number): number => 10 + 6 * n + (n < N ? 10 : 0);
  const counts = model.counts;
  let left = counts.reduce((a, c, k) => a + c * weight(k + 1), 0) / 2;
  for (let n = 1; n <= N; n++) {
    const here = counts[n - 1] * weight(n);
    if (left < here) return arpaPlace(n, Math.floor(left / weight(n)));
    left -= here;
  }
  return arpaPlace(N, counts[N - 1]);
}

/**
 * Two threads: this one formats and writes the first half of the lines while a worker formats the
 * second half over a copy of the values in shared memory; then the worker's chunks are written in order.
 */
async function writeTwoThreads(model: ArpaModel, writeAll: (chunk: Uint8Array) => Promise<void>): Promise<void> {
  const middle = middlePlace(model);
  const shared = <T extends Uint32Array | Float32Array>(make: new (b: SharedArrayBuffer) => T, n: number): T => new make(new SharedArrayBuffer(4 * n));
  const tables = model.tables.map((t) => {
    const len = t.length;
    const a = { suffix: shared(Uint32Array, len), left: shared(Uint32Array, len), prob: shared(Float32Array, len), backoff: shared(Float32Array, len) };
    for (let i = 0; i < len; i++) {
      a.suffix[i] = t.suffix(i);
      a.left[i] = t.left(i);
      a.prob[i] = t.prob(i);
      a.backoff[i] = t.backoff(i);
    }
    return a;
  });
  const job: WriterJob = { words: model.words, counts: model.counts, tables, from: middle, to: [model.order + 1, -1], chunkBytes: CHUNK };
  const worker = startWriter(job);
  const chunks: Uint8Array[] = [];
  let finished = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (m: FromWriter) => {
    if (m.kind === 'chunk') chunks.push(m.bytes);
    else if (m.kind === 'done') finished = true;
    else failure ??= new Error(`the ARPA writer's worker failed: ${m.message}`);
    wake?.();
  });
  worker.on('error', (err) => {
    failure ??= err;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`the ARPA writer's worker stopped (exit code ${code})`);
    wake?.();
  });
  try {
    await writeRange(new ArpaFiller(model, [0, 0], middle), writeAll);
    for (let next = 0; ; ) {
      if (failure) throw failure;
      if (next < chunks.length) {
        const chunk = chunks[next];
        chunks[next++] = EMPTY; // let it go once written
        await writeAll(chunk);
      } else if (finished) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}

const EMPTY = new Uint8Array(0);

/** Starts the writer worker; from TypeScript sources (tests, benches) it is loaded through tsx (as ngram/count-file.ts does). */
function startWriter(job: WriterJob): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './write-arpa-worker.ts' : './write-arpa-worker.js', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: job });
  // tsx is resolved here, from the package, since an eval worker resolves bare names from the cwd.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: job });
}
