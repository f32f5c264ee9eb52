/**
 * `readLineBatches`: a byte stream → batches of decoded lines, in memory bounded by the chunk size
 * and the longest line (never the input size). The `tok` CLI reads all its input through this.
 * Lines end at "\n" only; a "\r" before it stays part of the line, so the CLI never changes text
 * (encode → decode reproduces CRLF files byte for byte). A last line without "\n" is still a line.
 */
import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { InvalidUtf8Error, ParseError } from '../errors.js';
import { firstInvalidUtf8 } from '../utf8.js';

/** Consecutive complete lines of one source. */
export interface LineBatch {
  /** 1-based number of `lines[0]` in its source. */
  readonly firstLine: number;
  readonly lines: string[];
  /** Bytes of input these lines used, their "\n" terminators included. */
  readonly bytes: number;
}

export interface ReadLinesOptions {
  /** Name of the source in error messages: a path or `<stdin>`. */
  readonly source: string;
  /** Replace invalid UTF-8 with U+FFFD (WHATWG decoding) instead of throwing `InvalidUtf8Error`. */
  readonly lossy: boolean;
  /**
   * Longest line accepted, in bytes; a longer one is a `ParseError` before it exhausts memory.
   * Default: the longest string V8 can hold, so every accepted line can be decoded.
   */
  readonly maxLineBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * Splits a stream of byte chunks into lines and decodes them as UTF-8.
 * One batch per chunk: the complete lines it finishes. Decoding is done once per batch (native
 * validation with `isUtf8`, then one `toString`) and only the bytes of an unfinished line are carried
 * over, as a list of chunks joined once when the line ends, so a 100 MB line costs O(100 MB), not O(n²).
 * UTF-8 cannot hide a 0x0A inside a multi-byte sequence, so decoding lines together or apart is the same.
 * @example for await (const { lines } of readLineBatches(process.stdin, { source: '<stdin>', lossy: false })) …
 */
export async function* readLineBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ReadLinesOptions,
): AsyncGenerator<LineBatch> {
  const { source, lossy } = options;
  const maxLineBytes = options.maxLineBytes ?? bufferConstants.MAX_STRING_LENGTH;
  const decoder = new Utf8Lines(source, lossy);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1; // number of the next line to start
  let offset = 0; // byte offset of the next byte not yet in a batch

  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (chunk.length === 0) continue;
    let start = 0;
    let lines: string[] | undefined;
    let batchBytes = 0;
    if (pendingBytes > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes > maxLineBytes) throw tooLong(source, line, maxLineBytes);
        continue;
      }
      if (pendingBytes + nl > maxLineBytes) throw tooLong(source, line, maxLineBytes);
      pending.push(chunk.subarray(0, nl));
      const first = Buffer.concat(pending, pendingBytes + nl);
      lines = [decoder.decode(first, line, offset)];
      batchBytes = first.length + 1;
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      const region = decoder.decodeLines(chunk.subarray(start, last), line + (lines ? 1 : 0), offset + batchBytes);
      lines = lines ? lines.concat(region.lines) : region.lines;
      if (region.error) {
        // The lines before the bad one are still handed out, so their output precedes the error.
        if (lines.length > 0) yield { firstLine: line, lines, bytes: batchBytes + region.validBytes };
        throw region.error;
      }
      batchBytes += last + 1 - start;
      start = last + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes = chunk.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong(source, line + (lines ? lines.length : 0), maxLineBytes);
    }
    if (lines) {
      yield { firstLine: line, lines, bytes: batchBytes };
      line += lines.length;
      offset += batchBytes;
    }
  }
  if (pendingBytes > 0) {
    const text = decoder.decode(Buffer.concat(pending, pendingBytes), line, offset);
    yield { firstLine: line, lines: [text], bytes: pendingBytes };
  }
}

function tooLong(source: string, line: number, maxLineBytes: number): ParseError {
  return new ParseError(
    source,
    line,
    `line is longer than ${maxLineBytes} bytes, the longest text a line may hold here; split the input into shorter lines`,
  );
}

/** Decodes the bytes of whole lines, strictly or lossily, naming the first invalid byte on failure. */
class Utf8Lines {
  // ignoreBOM keeps a U+FEFF in the text: it is content, and only the file's first line could have it.
  private readonly lossyDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  constructor(
    private readonly source: string,
    private readonly lossy: boolean,
  ) {}

  /** Decodes one line, which is line `line` and starts at byte `offset` of the source. */
  decode(bytes: Buffer, line: number, offset: number): string {
    const r = this.decodeLines(bytes, line, offset);
    if (r.error) throw r.error;
    return r.lines[0];
  }

  /**
   * Decodes lines `firstLine`… joined by "\n", starting at byte `offset` of the source. On invalid
   * UTF-8 (strict mode) returns the lines before the bad one, their bytes with "\n"s, and the error.
   */
  decodeLines(bytes: Buffer, firstLine: number, offset: number): { lines: string[]; validBytes: number; error?: InvalidUtf8Error } {
    if (isUtf8(bytes)) return { lines: bytes.toString('utf8').split('\n'), validBytes: bytes.length };
    if (this.lossy) return { lines: this.lossyDecoder.decode(bytes).split('\n'), validBytes: bytes.length };
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(NEWLINE, bad - 1) + 1;
    const lines = lineStart === 0 ? [] : bytes.toString('utf8', 0, lineStart - 1).split('\n');
    return { lines, validBytes: lineStart, error: new InvalidUtf8Error(this.source, firstLine + lines.length, offset + bad) };
  }
}

export { firstInvalidUtf8 };
