/**
 * A training thread's endless stream of dictionary ids, read the way fastText's threads read their file:
 * from the thread's starting offset to the end of the corpus, then from its start again, for as long as
 * the thread trains (`FastText::trainThread` seeks to threadId · size / threads and rewinds at EOF).
 * Files are re-read from disk in chunks (`../corpus`'s byte ranges, words mapped by a `WordTable`
 * lookup, words outside the dictionary skipped), so memory stays constant however big the corpus; an
 * in-memory corpus is a shared array of ids read the same way. Either way the ids land in `buf`, which
 * the kernel reads from `pos` to `len`; `fill` tops it up (the unread tail moves to the front).
 */
import { CorpusFileError } from '../errors.js';
import { fileRangeChunks, WordScanner, WordTable } from '../corpus/index.js';
import type { CorpusSource } from './train-corpus.js';

/** Ids buffered per refill. */
export const REFILL_IDS = 1 << 16;

export class IdStream {
  buf: Int32Array;
  pos = 0;
  len = 0;
  /** The most ids ever buffered at once (tests check that it stays small). */
  peak = 0;
  private readonly next: () => Promise<boolean>;
  private chunks: AsyncGenerator<Uint8Array> | undefined;
  private wraps = 0;
  private readSinceWrap = false;
  private readonly source: string;

  /**
   * @param start where the thread starts: a byte offset into the files, or an index into the ids.
   * @param refill ids buffered per refill; @param chunkBytes file read size (both smaller in tests).
   */
  constructor(
    source: CorpusSource,
    start: number,
    private readonly refill = REFILL_IDS,
    chunkBytes?: number,
  ) {
    this.buf = new Int32Array(refill * 2);
    this.source = source.kind === 'ids' ? '<in-memory corpus>' : source.files.map((f) => f.path).join(', ');
    this.next = source.kind === 'ids' ? this.fromIds(source.ids, start) : this.fromFiles(source, start, chunkBytes);
  }

  /** Buffers at least `need` unread ids (the stream never ends). */
  async fill(need: number): Promise<void> {
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.len);
      this.len -= this.pos;
      this.pos = 0;
    }
    const target = Math.max(need, this.refill);
    while (this.len < target) {
      const before = this.len;
      if (await this.next()) {
        // A whole pass (wrap to wrap) without one id: the files changed since the vocabulary pass.
        if (this.wraps++ > 0 && !this.readSinceWrap) throw new CorpusFileError(this.source, 'no word of the dictionary is left in it (changed since the vocabulary pass?)');
        this.readSinceWrap = false;
      } else if (this.len > before) this.readSinceWrap = true;
    }
    if (this.len > this.peak) this.peak = this.len;
  }

  private push(id: number): void {
    if (this.len === this.buf.length) {
      const grown = new Int32Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.len++] = id;
  }

  /** Copies up to `refill` ids per call; returns true when it wrapped to the start. */
  private fromIds(ids: Int32Array, start: number): () => Promise<boolean> {
    let at = Math.min(start, ids.length);
    return () => {
      if (at >= ids.length) {
        at = 0;
        return Promise.resolve(true);
      }
      const n = Math.min(ids.length - at, this.refill);
      if (this.len + n > this.buf.length) {
        const grown = new Int32Array(Math.max(this.buf.length * 2, this.len + n));
        grown.set(this.buf.subarray(0, this.len));
        this.buf = grown;
      }
      this.buf.set(ids.subarray(at, at + n), this.len);
      this.len += n;
      at += n;
      return Promise.resolve(false);
    };
  }

  /** Scans one chunk per call; returns true when it wrapped to the start of the first file. */
  private fromFiles(source: Extract<CorpusSource, { kind: 'files' }>, start: number, chunkBytes?: number): () => Promise<boolean> {
    const table = WordTable.fromData(source.table);
    const scanner = new WordScanner((bytes, s, e) => {
      const id = table.find(bytes, s, e);
      if (id >= 0) this.push(id);
    });
    const files = source.files;
    let file = 0; // the file read now (or next)
    let base = 0; // its first byte's global offset
    let from = start; // where reading resumes, global
    let current = '';
    return async () => {
      if (!this.chunks) {
        while (file < files.length && from >= base + files[file].size) base += files[file++].size;
        if (file === files.length) {
          // End of the corpus: rewind, as fastText does at EOF.
          file = 0;
          base = 0;
          from = 0;
          return true;
        }
        current = files[file].path;
        this.chunks = fileRangeChunks(current, from - base, files[file].size, chunkBytes);
      }
      let r: IteratorResult<Uint8Array>;
      try {
        r = await this.chunks.next();
      } catch (e) {
        this.chunks = undefined;
        if (e instanceof CorpusFileError) throw e;
        throw new CorpusFileError(current, (e as Error).message);
      }
      if (r.done) {
        scanner.flush(); // a file's end ends its last word
        this.chunks = undefined;
        from = base + files[file].size;
      } else {
        scanner.push(r.value);
      }
      return false;
    };
  }

  /** Stops reading (closes the file being read). */
  async close(): Promise<void> {
    const c = this.chunks;
    this.chunks = undefined;
    await c?.return(undefined);
  }
}
