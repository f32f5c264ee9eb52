/**
 * Co-occurrence records on disk in GloVe's CREC layout — int32 word1, int32 word2, float64 value, 16
 * bytes, native (little-endian) order, ids 1-based by frequency rank — so our files and Stanford
 * GloVe's are interchangeable. Writers and readers move records in 1 MiB blocks through typed-array
 * views; every I/O failure becomes a `SpillDirError` naming the directory.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { SpillDirError } from '../errors.js';

export const RECORD_BYTES = 16;
const BLOCK_RECORDS = 1 << 16;

/** The file operations the writers use; tests swap in failing ones (a full disk). */
export interface SpillIo {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  closeSync(fd: number): void;
}

export const nodeIo: SpillIo = {
  openSync: (path, flags) => openSync(path, flags),
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  closeSync: (fd) => closeSync(fd),
};

export function spillError(dir: string, e: unknown): SpillDirError {
  if (e instanceof SpillDirError) return e;
  const err = e as NodeJS.ErrnoException;
  return new SpillDirError(dir, String(err?.message ?? e), err?.code);
}

/** Appends records to a new file through a block buffer. */
export class RecordWriter {
  private readonly bytes: Uint8Array;
  private readonly ints: Int32Array;
  private readonly reals: Float64Array;
  private readonly block: number;
  private n = 0;
  private fd: number;
  /** Records written so far. */
  count = 0;

  constructor(
    readonly path: string,
    private readonly dir: string,
    private readonly io: SpillIo = nodeIo,
    /** Records expected, when known: small files get a small buffer. */
    expected = BLOCK_RECORDS,
  ) {
    this.block = Math.max(1, Math.min(BLOCK_RECORDS, expected));
    this.bytes = new Uint8Array(this.block * RECORD_BYTES);
    this.ints = new Int32Array(this.bytes.buffer);
    this.reals = new Float64Array(this.bytes.buffer);
    try {
      this.fd = io.openSync(path, 'w');
    } catch (e) {
      throw spillError(dir, e);
    }
  }

  push(word1: number, word2: number, value: number): void {
    const n = this.n;
    this.ints[n * 4] = word1;
    this.ints[n * 4 + 1] = word2;
    this.reals[n * 2 + 1] = value;
    this.count++;
    if (++this.n === this.block) this.flush();
  }

  /** Appends `count` records already in CREC layout in `bytes`. */
  pushRecords(bytes: Uint8Array, count: number): void {
    this.flush();
    this.count += count;
    this.writeAll(bytes, count * RECORD_BYTES);
  }

  close(): void {
    this.flush();
    try {
      this.io.closeSync(this.fd);
    } catch (e) {
      throw spillError(this.dir, e);
    }
  }

  /** Closes without reporting errors (cleanup after a failure). */
  abandon(): void {
    try {
      this.io.closeSync(this.fd);
    } catch {
      // already failing; the file is about to be removed
    }
  }

  private flush(): void {
    this.writeAll(this.bytes, this.n * RECORD_BYTES);
    this.n = 0;
  }

  private writeAll(bytes: Uint8Array, len: number): void {
    let off = 0;
    try {
      while (off < len) off += this.io.writeSync(this.fd, bytes, off, len - off);
    } catch (e) {
      throw spillError(this.dir, e);
    }
  }
}

/** Reads a record file forward: `word1`, `word2`, `value` hold the current record after `next()`. */
export class RecordCursor {
  private readonly bytes: Uint8Array;
  private readonly ints: Int32Array;
  private readonly reals: Float64Array;
  private readonly block: number;
  private n = 0;
  private at = 0;
  private fd: number;
  private position: number;
  private remaining: number;
  word1 = 0;
  word2 = 0;
  value = 0;

  /** Reads `count` records from record `start` of `path`. */
  constructor(
    path: string,
    private readonly dir: string,
    start = 0,
    count = Infinity,
  ) {
    this.position = start * RECORD_BYTES;
    let size: number;
    try {
      this.fd = openSync(path, 'r');
      size = fstatSync(this.fd).size;
    } catch (e) {
      throw spillError(dir, e);
    }
    this.remaining = Math.min(count, Math.max(0, Math.floor(size / RECORD_BYTES) - start));
    this.block = Math.max(1, Math.min(BLOCK_RECORDS, this.remaining));
    this.bytes = new Uint8Array(this.block * RECORD_BYTES);
    this.ints = new Int32Array(this.bytes.buffer);
    this.reals = new Float64Array(this.bytes.buffer);
  }

  next(): boolean {
    if (this.at === this.n && !this.fill()) return false;
    const a = this.at++;
    this.word1 = this.ints[a * 4]!;
    this.word2 = this.ints[a * 4 + 1]!;
    this.value = this.reals[a * 2 + 1]!;
    return true;
  }

  /** The next block of records (up to 65,536) as views (for bulk consumers); 0 at the end. */
  nextBlock(): { ints: Int32Array; reals: Float64Array; count: number } {
    if (this.at === this.n && !this.fill()) return { ints: this.ints, reals: this.reals, count: 0 };
    const out = { ints: this.ints.subarray(this.at * 4), reals: this.reals.subarray(this.at * 2), count: this.n - this.at };
    this.at = this.n;
    return out;
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // read-only; nothing to lose
    }
  }

  private fill(): boolean {
    if (this.remaining <= 0) return false;
    const want = Math.min(this.block, this.remaining) * RECORD_BYTES;
    let got = 0;
    try {
      while (got < want) {
        const r = readSync(this.fd, this.bytes, got, want - got, this.position + got);
        if (r === 0) break;
        got += r;
      }
    } catch (e) {
      throw spillError(this.dir, e);
    }
    this.position += got;
    this.n = Math.floor(got / RECORD_BYTES);
    this.remaining -= this.n;
    this.at = 0;
    return this.n > 0;
  }
}

/** A whole record file in memory (for tests and small files). */
export function readCooccurrences(path: string): { word1: Int32Array; word2: Int32Array; value: Float64Array } {
  const c = new RecordCursor(path, path);
  const w1: number[] = [];
  const w2: number[] = [];
  const v: number[] = [];
  try {
    while (c.next()) {
      w1.push(c.word1);
      w2.push(c.word2);
      v.push(c.value);
    }
  } finally {
    c.close();
  }
  return { word1: Int32Array.from(w1), word2: Int32Array.from(w2), value: Float64Array.from(v) };
}
