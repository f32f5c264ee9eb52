/**
 * A text's lines kept as UTF-8 bytes: the input the metrics can score without decoding a file into
 * JavaScript strings. `corpusBleu`/`bleuStatistics` tokenize these bytes directly (13a and `none`
 * on the bytes, other tokenizers and non-ASCII lowercasing through the exact string path line by line),
 * and `corpusChrf`/`chrfStatistics` decode them into code points and split chrF++'s words on the bytes;
 * the other metrics decode the lines once (`toArray`). Decoding 2 x 12 MB of WMT17 text and splitting it
 * into strings cost about 140 ms of a 750 ms BLEU run; the bytes cost a read and a UTF-8 check.
 *
 * Lines are split at "\n" only (a last line without "\n" is still a line, an empty last segment after a
 * final "\n" is not), as sacreBLEU reads files. With `rstrip` (the `score` CLI's reading, sacreBLEU's
 * `line.rstrip()`) each line's end excludes its trailing Python whitespace.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { InvalidUtf8Error } from './cli/errors.js';
import { pyWsBefore } from './counting/utf8.js';
import { kernelLineSpans } from './counting/bleu-wasm.js';

export interface TextLinesOptions {
  /** The name used in errors (default '<bytes>', or the path for `fromFile`). */
  name?: string;
  /** Drop each line's trailing Python whitespace (default false). */
  rstrip?: boolean;
}

export class TextLines {
  /** Line i is bytes[starts[i] .. ends[i]). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly length: number;
  private decoded: string[] | null = null;

  private constructor(
    readonly bytes: Uint8Array,
    readonly name: string,
    starts: Int32Array,
    ends: Int32Array,
    length: number,
  ) {
    this.starts = starts;
    this.ends = ends;
    this.length = length;
  }

  /** The lines of UTF-8 `bytes` (kept, not copied); invalid UTF-8 → InvalidUtf8Error naming the line. */
  static fromBytes(bytes: Uint8Array, opts: TextLinesOptions = {}): TextLines {
    const name = opts.name ?? '<bytes>';
    if (bytes.length > 0x7fffffff) throw new RangeError(`${name}: more than 2 GiB; split the corpus`);
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if (!isUtf8(buf)) throw utf8Error(buf, name);
    // bytes in the BLEU kernel's memory (the CLI's reading): split there, 16 bytes at a time
    const spans = kernelLineSpans(buf, opts.rstrip === true);
    if (spans) return new TextLines(buf, name, spans.starts, spans.ends, spans.count);
    let cap = 1024;
    let starts = new Int32Array(cap);
    let ends = new Int32Array(cap);
    let n = 0;
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      let nl = buf.indexOf(0x0a, pos);
      if (nl < 0) nl = len;
      if (n === cap) {
        cap *= 2;
        const s = new Int32Array(cap);
        s.set(starts);
        starts = s;
        const e = new Int32Array(cap);
        e.set(ends);
        ends = e;
      }
      let end = nl;
      if (opts.rstrip) {
        for (let k = pyWsBefore(buf, pos, end); k > 0; k = pyWsBefore(buf, pos, end)) end -= k;
      }
      starts[n] = pos;
      ends[n++] = end;
      pos = nl + 1;
    }
    return new TextLines(buf, name, starts, ends, n);
  }

  /** A file's lines (read whole; `name` defaults to the path). */
  static fromFile(path: string, opts: TextLinesOptions = {}): TextLines {
    return TextLines.fromBytes(readFileSync(path), { ...opts, name: opts.name ?? path });
  }

  /** Line i as a string. */
  line(i: number): string {
    if (this.decoded) return this.decoded[i];
    return (this.bytes as Buffer).toString('utf8', this.starts[i], this.ends[i]);
  }

  /** All lines as strings (decoded once, then shared). */
  toArray(): string[] {
    if (this.decoded) return this.decoded;
    const out = new Array<string>(this.length);
    const b = this.bytes as Buffer;
    for (let i = 0; i < this.length; i++) out[i] = b.toString('utf8', this.starts[i], this.ends[i]);
    return (this.decoded = out);
  }
}

/** The error for invalid UTF-8, naming the first line that holds invalid bytes. */
function utf8Error(bytes: Buffer, source: string): InvalidUtf8Error {
  let start = 0;
  for (let line = 1; ; line++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    // UTF-8 cannot hide a 0x0A inside a multi-byte sequence, so lines can be checked one by one.
    if (nl < 0 || !isUtf8(bytes.subarray(start, end))) return new InvalidUtf8Error(source, line);
    start = nl + 1;
  }
}

/** Strings as they are, or a TextLines' lines decoded. */
export function asStrings(lines: readonly (string | null | undefined)[] | TextLines): readonly (string | null | undefined)[] {
  return lines instanceof TextLines ? lines.toArray() : lines;
}
