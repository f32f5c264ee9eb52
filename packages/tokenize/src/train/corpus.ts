/**
 * Training input: strings (sync or async iterables, one sequence per item) or files read as streams.
 * Files are cut into chunks of whole lines (each line keeps its `\n`, as the Rust trainer reads them),
 * so a file of any size is read in bounded memory.
 *
 * Files must be UTF-8: each chunk is checked with `isUtf8` (one fast pass); invalid bytes raise
 * `InvalidUtf8Error` naming the file, line and byte offset (located only then), or with `lossy` are
 * replaced by U+FFFD (WHATWG decoding). A file that cannot be read raises Node's system error
 * (`ENOENT`, `EACCES`, `EISDIR`…) with its `path` set and named in the message, before any counting.
 */
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { Buffer, isUtf8 } from 'node:buffer';
import { InvalidUtf8Error } from '../errors.js';
import { firstInvalidUtf8 } from '../utf8.js';

export type Corpus = Iterable<string> | AsyncIterable<string> | { files: readonly string[] };

/** A unit of counting work: a buffer of whole UTF-8 lines, or a batch of sequences. */
export type CorpusChunk = { kind: 'lines'; bytes: Buffer } | { kind: 'texts'; texts: string[]; bytes: number };

const CHUNK_BYTES = 1 << 20;

export function isFileCorpus(corpus: Corpus): corpus is { files: readonly string[] } {
  return typeof corpus === 'object' && corpus !== null && 'files' in corpus && Array.isArray(corpus.files);
}

export interface ChunkOptions {
  /** Replace invalid UTF-8 in files with U+FFFD instead of throwing `InvalidUtf8Error`. */
  lossy?: boolean;
}

/** Yields chunks of about 1 MB. */
export async function* corpusChunks(corpus: Corpus, options: ChunkOptions = {}): AsyncGenerator<CorpusChunk> {
  if (isFileCorpus(corpus)) {
    // Every file is checked before the first is read: a typo in the last name fails at once.
    for (const file of corpus.files) await checkReadable(file);
    for (const file of corpus.files) yield* fileChunks(file, options.lossy === true);
    return;
  }
  let texts: string[] = [];
  let size = 0;
  for await (const text of corpus as AsyncIterable<string>) {
    if (typeof text !== 'string') throw new TypeError(`corpus items must be strings, got ${typeof text}`);
    texts.push(text);
    size += text.length;
    if (size >= CHUNK_BYTES) {
      yield { kind: 'texts', texts, bytes: size };
      texts = [];
      size = 0;
    }
  }
  if (texts.length > 0) yield { kind: 'texts', texts, bytes: size };
}

async function checkReadable(path: string): Promise<void> {
  if (typeof path !== 'string') throw new TypeError(`corpus files must be paths (strings), got ${typeof path}`);
  try {
    await access(path, fsConstants.R_OK);
    if ((await stat(path)).isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR', syscall: 'read', path });
    }
  } catch (err) {
    throw namingFile(err, path);
  }
}

/** A system error from reading `path`, with the path set and in the message (stream read errors lack it). */
function namingFile(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || !('syscall' in err) || e.path !== undefined) return err;
  e.path = path;
  e.message = `${e.message}, '${path}'`;
  return err;
}

async function* fileChunks(path: string, lossy: boolean): AsyncGenerator<CorpusChunk> {
  let carry: Buffer | undefined;
  let offset = 0; // file offset of the next chunk's first byte
  const checked = async (bytes: Buffer): Promise<CorpusChunk> => {
    const start = offset;
    offset += bytes.length;
    if (isUtf8(bytes)) return { kind: 'lines', bytes };
    if (lossy) return { kind: 'lines', bytes: ownedCopy(Buffer.from(new TextDecoder().decode(bytes), 'utf8')) };
    const bad = firstInvalidUtf8(bytes);
    const line = (await countNewlines(path, start)) + countByte(bytes, 0x0a, bad) + 1;
    throw new InvalidUtf8Error(path, line, start + bad);
  };
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      const buf = carry ? Buffer.concat([carry, piece]) : piece;
      const lastNl = buf.lastIndexOf(0x0a);
      if (lastNl < 0) {
        carry = buf; // a line longer than a chunk: keep reading until it ends
        continue;
      }
      const chunk = await checked(ownedCopy(buf.subarray(0, lastNl + 1)));
      carry = lastNl + 1 < buf.length ? ownedCopy(buf.subarray(lastNl + 1)) : undefined;
      yield chunk;
    }
  } catch (err) {
    throw namingFile(err, path);
  } finally {
    stream.destroy();
  }
  if (carry && carry.length > 0) yield await checked(carry);
}

/** Number of "\n" bytes in the first `end` bytes of the file (only to name the line of an error). */
async function countNewlines(path: string, end: number): Promise<number> {
  if (end === 0) return 0;
  let n = 0;
  for await (const piece of createReadStream(path, { start: 0, end: end - 1, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    n += countByte(piece, 0x0a, piece.length);
  }
  return n;
}

function countByte(bytes: Uint8Array, byte: number, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === byte) n++;
  return n;
}


/** A copy with an ArrayBuffer of its own (never Node's shared pool), so it can be transferred to a worker. */
function ownedCopy(view: Uint8Array): Buffer {
  const copy = new Uint8Array(view.length);
  copy.set(view);
  return Buffer.from(copy.buffer);
}

export { firstInvalidUtf8 };
