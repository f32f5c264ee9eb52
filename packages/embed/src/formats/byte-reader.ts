/**
 * `ByteReader`: a file read in fixed-size chunks through one reusable buffer, so a multi-GB vector file
 * is parsed in constant memory. Parsing is synchronous over what is buffered (`indexOf`, `take`);
 * only `fill()` awaits, which keeps per-row overhead to a few comparisons.
 */
import { open, type FileHandle } from 'node:fs/promises';

export const DEFAULT_CHUNK_BYTES = 1 << 20;

export class ByteReader {
  private buf: Buffer;
  /** Next unread byte in `buf`. */
  pos = 0;
  /** End of the buffered bytes in `buf`. */
  end = 0;
  /** File offset of `buf[0]`. */
  private base = 0;
  eof = false;

  private constructor(
    private readonly fh: FileHandle,
    private readonly chunkBytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  static async open(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<ByteReader> {
    return new ByteReader(await open(path, 'r'), Math.max(16, chunkBytes));
  }

  get buffer(): Buffer {
    return this.buf;
  }

  /** File offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  get available(): number {
    return this.end - this.pos;
  }

  /**
   * Reads one more chunk (growing the buffer when the unread bytes already fill it, i.e. a row longer
   * than a chunk). Returns false at end of file. Positions into `buffer` taken before are invalidated.
   */
  async fill(): Promise<boolean> {
    if (this.eof) return false;
    if (this.pos > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.end);
      this.base += this.pos;
      this.end -= this.pos;
      this.pos = 0;
    }
    if (this.buf.length - this.end < this.chunkBytes) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.end + this.chunkBytes));
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const { bytesRead } = await this.fh.read(this.buf, this.end, this.chunkBytes, null);
    this.end += bytesRead;
    if (bytesRead === 0) this.eof = true;
    return bytesRead > 0;
  }

  /** Ensures `n` unread bytes are buffered; false when the file ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.end - this.pos < n) if (!(await this.fill())) return false;
    return true;
  }

  /**
   * Index in `buffer` of the next `byte` at or after `pos`, reading more as needed; -1 at end of file,
   * -2 when `maxScan` bytes hold none (a corrupt file must not be read whole into memory).
   */
  async find(byte: number, maxScan = Infinity): Promise<number> {
    let from = this.pos;
    for (;;) {
      const i = this.buf.subarray(0, this.end).indexOf(byte, from);
      if (i !== -1) return i;
      const scanned = this.end - this.pos;
      if (scanned > maxScan) return -2;
      if (!(await this.fill())) return -1;
      from = this.pos + scanned;
    }
  }

  /** Index in `buffer` of the next `byte` among the buffered bytes, or -1 (no read: the fast path). */
  findBuffered(byte: number): number {
    return this.buf.subarray(0, this.end).indexOf(byte, this.pos);
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
