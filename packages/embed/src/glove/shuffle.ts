/**
 * Shuffling co-occurrence records, as GloVe's shuffle: the input is cut into chunks that fit the
 * memory cap, each chunk is Fisher–Yates shuffled and spilled; then the chunks are read back together,
 * a slice of each at a time, and every batch is shuffled again and written out. Not a perfect shuffle
 * (GloVe: "good enough") — but each record lands once, and the same seed gives the same order. When the
 * input fits in one chunk, it is shuffled once and written directly.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { resolveGloveOptions } from './options.js';
import { RECORD_BYTES, RecordCursor, RecordWriter, spillError, type SpillIo } from './records.js';
import { Rng } from './rng.js';
import { SpillDir } from './spill-dir.js';
import type { GloveOptions } from './types.js';

export type ShuffleOptions = Pick<GloveOptions, 'memoryMB' | 'spillDir' | 'seed'>;

export interface ShuffleInternals {
  /** Records per chunk (shuffle's -array-size), instead of the memory cap's. */
  chunkRecords?: number;
  io?: SpillIo;
}

/**
 * Shuffles the records of `inFile` into `outFile` (written beside it and renamed when complete).
 * @example
 * await shuffleCooccurrences('cooc.bin', 'cooc.shuf.bin', { memoryMB: 2048, seed: 1 });
 */
export async function shuffleCooccurrences(
  inFile: string,
  outFile: string,
  options: Partial<ShuffleOptions> = {},
  internals: ShuffleInternals = {},
): Promise<{ records: number; chunks: number }> {
  const o = resolveGloveOptions(options);
  const spill = SpillDir.create(o.spillDir, internals.io);
  const temp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  try {
    const out = new RecordWriter(temp, dirname(outFile), internals.io);
    const r = shuffleInto(inFile, out, o, spill, internals);
    renameSync(temp, outFile);
    return r;
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  } finally {
    spill.remove();
  }
}

/** Shuffles `inFile` into `out` (closed on success), temporary chunks in `spill`. */
export function shuffleInto(
  inFile: string,
  out: RecordWriter,
  o: Pick<ShuffleOptions, 'memoryMB' | 'seed'>,
  spill: SpillDir,
  internals: ShuffleInternals = {},
): { records: number; chunks: number } {
  let total: number;
  try {
    total = Math.floor(statSync(inFile).size / RECORD_BYTES);
  } catch (e) {
    throw spillError(dirname(inFile), e);
  }
  const chunk = Math.max(1, internals.chunkRecords ?? Math.floor((0.95 * o.memoryMB * 2 ** 20) / RECORD_BYTES));
  const rng = new Rng(o.seed);
  const buffer = new Uint8Array(Math.min(chunk, Math.max(total, 1)) * RECORD_BYTES);
  try {
    const input = new RecordCursor(inFile, spill.parent);
    const chunks: string[] = [];
    let n: number;
    try {
      while ((n = fill(buffer, [input], buffer.length / RECORD_BYTES)) > 0) {
        shuffleRecords(buffer, n, rng);
        if (n === total) {
          out.pushRecords(buffer, n); // everything fit in one chunk
          out.close();
          return { records: total, chunks: 1 };
        }
        const w = spill.writer('shuffle', n);
        chunks.push(w.path);
        try {
          w.pushRecords(buffer, n);
          w.close();
        } catch (e) {
          w.abandon();
          throw e;
        }
      }
    } finally {
      input.close();
    }
    // Merge: a slice of every chunk per batch, shuffled together.
    const cursors = chunks.map((p) => new RecordCursor(p, spill.parent));
    try {
      const per = Math.max(1, Math.floor(buffer.length / RECORD_BYTES / cursors.length));
      while ((n = fill(buffer, cursors, per)) > 0) {
        shuffleRecords(buffer, n, rng);
        out.pushRecords(buffer, n);
      }
    } finally {
      for (const c of cursors) c.close();
    }
    out.close();
    return { records: total, chunks: chunks.length };
  } catch (e) {
    out.abandon();
    throw e;
  }
}

/** Reads up to `per` records from each cursor into `buffer`; returns the records read. */
function fill(buffer: Uint8Array, cursors: RecordCursor[], per: number): number {
  const ints = new Int32Array(buffer.buffer, buffer.byteOffset, buffer.length >> 2);
  const reals = new Float64Array(buffer.buffer, buffer.byteOffset, buffer.length >> 3);
  let n = 0;
  for (const c of cursors) {
    for (let k = 0; k < per && c.next(); k++, n++) {
      ints[n * 4] = c.word1;
      ints[n * 4 + 1] = c.word2;
      reals[n * 2 + 1] = c.value;
    }
  }
  return n;
}

/** Fisher–Yates over the first `n` records of `buffer`. */
export function shuffleRecords(buffer: Uint8Array, n: number, rng: Rng): void {
  const ints = new Int32Array(buffer.buffer, buffer.byteOffset, buffer.length >> 2);
  const reals = new Float64Array(buffer.buffer, buffer.byteOffset, buffer.length >> 3);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const a = ints[4 * i]!;
    const b = ints[4 * i + 1]!;
    const v = reals[2 * i + 1]!;
    ints[4 * i] = ints[4 * j]!;
    ints[4 * i + 1] = ints[4 * j + 1]!;
    reals[2 * i + 1] = reals[2 * j + 1]!;
    ints[4 * j] = a;
    ints[4 * j + 1] = b;
    reals[2 * j + 1] = v;
  }
}
