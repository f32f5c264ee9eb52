/**
 * `readVectors`: word2vec binary/text and fastText `.vec` files into `KeyedVectors`, streamed in chunks
 * (memory: the result plus one chunk), with gensim's `limit` and `unicode_errors`. Every defect is a
 * `VectorFileError` naming the line (text) or byte offset (binary): a bad header, short rows,
 * non-numeric fields, invalid UTF-8 words, a file that ends before the header's count or goes past it.
 */
import { stat } from 'node:fs/promises';
import { endianness } from 'node:os';
import { InvalidOptionError, VectorFileError } from '../errors.js';
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import { ByteReader, DEFAULT_CHUNK_BYTES } from './byte-reader.js';
import { decodeUtf8, type UnicodeErrors } from './utf8.js';
import { formatFromPath, type VectorFormat } from './vector-format.js';

export interface ReadVectorsOptions {
  /** Default: from the extension (`formatFromPath`), else sniffed from the first row. */
  format?: VectorFormat;
  /** Read only the first `limit` words (gensim's `limit`); the rest of the file is not read. */
  limit?: number;
  /** Words that are not valid UTF-8: 'strict' (default, as gensim) throws, 'replace' puts U+FFFD, 'ignore' drops the bytes. */
  unicodeErrors?: UnicodeErrors;
  /** A word seen again: 'keep-first' (default, as gensim: the later row is skipped) or 'error'. */
  duplicates?: 'keep-first' | 'error';
  /** Read buffer size (tests use tiny ones to cross chunk borders). */
  chunkBytes?: number;
}

const NL = 0x0a;
const SPACE = 0x20;
const LITTLE_ENDIAN = endianness() === 'LE';
/** Longer "words" mean a corrupt file (word2vec C cuts words at 100 bytes). */
const MAX_WORD_BYTES = 1 << 16;

/**
 * Reads a word2vec (binary or text) or fastText `.vec` file.
 * @example const kv = await readVectors('GoogleNews-vectors-negative300.bin', { limit: 200_000 });
 */
export async function readVectors(path: string, options: ReadVectorsOptions = {}): Promise<KeyedVectors> {
  const { limit } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new InvalidOptionError('limit', limit, 'a non-negative integer');
  }
  const fileSize = (await stat(path)).size;
  const r = await ByteReader.open(path, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  try {
    const { count, dim } = await readHeader(r, path);
    const n = limit === undefined ? count : Math.min(count, limit);
    // Every value takes at least 2 bytes of text or 4 of binary: a count beyond that is a wrong header,
    // caught before allocating for it.
    if (n * dim > fileSize) {
      throw new VectorFileError(path, `the header declares ${count} words of dimension ${dim}, more than a file of ${fileSize} bytes can hold (wrong count, or a truncated file)`, { line: 1 });
    }
    const format = options.format ?? formatFromPath(path) ?? (await sniff(r, dim));
    const rows = new Rows(path, n, dim, options.duplicates ?? 'keep-first');
    const unicode = options.unicodeErrors ?? 'strict';
    if (format === 'word2vec-binary') await readBinary(r, rows, count, unicode, limit === undefined);
    else await readText(r, rows, count, unicode, limit === undefined);
    return rows.result();
  } finally {
    await r.close();
  }
}

async function readHeader(r: ByteReader, file: string): Promise<{ count: number; dim: number }> {
  let nl = await r.find(NL, 4096);
  if (nl < 0) nl = r.end;
  const text = r.buffer.toString('latin1', r.pos, Math.min(nl, r.pos + 200));
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 2 || !/^\d+$/.test(fields[0]) || !/^\d+$/.test(fields[1]) || Number(fields[1]) < 1) {
    throw new VectorFileError(file, `the header must be "<count> <dim>" (two integers, dim >= 1), got ${JSON.stringify(text.slice(0, 60))}`, { line: 1 });
  }
  r.pos = Math.min(nl + 1, r.end);
  return { count: Number(fields[0]), dim: Number(fields[1]) };
}

/** Text when the first row reads as a word and `dim` numbers, else binary. */
async function sniff(r: ByteReader, dim: number): Promise<VectorFormat> {
  await r.ensure(Math.min(64 * 1024, 32 * dim + 1024));
  let end = r.findBuffered(NL);
  if (end === -1) end = r.end;
  const fields = r.buffer.toString('latin1', r.pos, end).trimEnd().split(' ');
  return fields.length === dim + 1 && fields.slice(1).every((f) => parseValue(f) !== undefined) ? 'word2vec-text' : 'word2vec-binary';
}

/** The rows read so far, with duplicate handling. */
class Rows {
  readonly words: string[] = [];
  readonly vectors: Float32Array;
  private readonly seen = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly expected: number,
    readonly dim: number,
    private readonly duplicates: 'keep-first' | 'error',
  ) {
    this.vectors = new Float32Array(expected * dim);
  }

  /** Registers `word` as the next row; false when it is a duplicate to skip. */
  add(word: string, where: { line?: number; byteOffset?: number }): boolean {
    const first = this.seen.get(word);
    if (first !== undefined) {
      if (this.duplicates === 'error') {
        throw new VectorFileError(this.file, `duplicate word ${JSON.stringify(word)} (first as word #${first + 1})`, where);
      }
      return false;
    }
    this.seen.set(word, this.words.length);
    this.words.push(word);
    return true;
  }

  /** Offset in `vectors` of the row being filled (the last one added). */
  get rowOffset(): number {
    return (this.words.length - 1) * this.dim;
  }

  result(): KeyedVectors {
    const used = this.words.length * this.dim;
    const vectors = used === this.vectors.length ? this.vectors : this.vectors.slice(0, used);
    return new KeyedVectors(this.words, vectors, this.dim);
  }
}

function decodeWord(rows: Rows, bytes: Uint8Array, mode: UnicodeErrors, where: { line?: number; byteOffset?: number }): string {
  const word = decodeUtf8(bytes, mode);
  if (word === undefined) {
    throw new VectorFileError(rows.file, `invalid UTF-8 in word ${JSON.stringify(Buffer.from(bytes).toString('latin1'))} (pass unicodeErrors 'replace' or 'ignore' to read it anyway)`, where);
  }
  return word;
}

async function readBinary(r: ByteReader, rows: Rows, count: number, mode: UnicodeErrors, checkEnd: boolean): Promise<void> {
  const { dim, file, expected } = rows;
  const bytes = dim * 4;
  const out = new Uint8Array(rows.vectors.buffer, rows.vectors.byteOffset, rows.vectors.byteLength);
  for (let i = 0; i < expected; i++) {
    // word2vec C ends each row with "\n"; gensim does not: skip it when present (gensim strips it from the word).
    for (;;) {
      if (r.available === 0 && !(await r.fill())) {
        throw new VectorFileError(file, `the file ends after ${i} of the ${count} words its header declares (truncated, or a wrong count)`, { byteOffset: r.offset });
      }
      if (r.buffer[r.pos] !== NL) break;
      r.pos++;
    }
    const start = r.offset;
    let sp = r.findBuffered(SPACE);
    if (sp === -1) sp = await r.find(SPACE, MAX_WORD_BYTES);
    if (sp === -1) throw new VectorFileError(file, `the file ends inside word #${i + 1} of ${count} (truncated)`, { byteOffset: start });
    if (sp === -2) throw new VectorFileError(file, `no space within ${MAX_WORD_BYTES} bytes after the start of word #${i + 1}: not a word2vec binary file, or a corrupt one`, { byteOffset: start });
    const word = decodeWord(rows, r.buffer.subarray(r.pos, sp), mode, { byteOffset: start });
    r.pos = sp + 1;
    if (r.available < bytes && !(await r.ensure(bytes))) {
      throw new VectorFileError(file, `the file ends inside the vector of word #${i + 1} ${JSON.stringify(word)}: ${r.available} of its ${bytes} bytes (truncated)`, { byteOffset: r.offset });
    }
    if (rows.add(word, { byteOffset: start })) {
      const at = rows.rowOffset;
      if (LITTLE_ENDIAN) out.set(r.buffer.subarray(r.pos, r.pos + bytes), at * 4);
      else for (let k = 0; k < dim; k++) rows.vectors[at + k] = r.buffer.readFloatLE(r.pos + 4 * k);
    }
    r.pos += bytes;
  }
  if (checkEnd) {
    // Only row terminators may follow the last row.
    for (;;) {
      if (r.available === 0 && !(await r.fill())) return;
      const b = r.buffer[r.pos];
      if (b !== NL && b !== 0x0d && b !== SPACE) {
        throw new VectorFileError(file, `data after the ${count} words the header declares (wrong count?)`, { byteOffset: r.offset });
      }
      r.pos++;
    }
  }
}

/** Whitespace Python's `rstrip()` removes at the end of a row (ASCII). */
function isSpace(b: number): boolean {
  return b === SPACE || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
}

async function readText(r: ByteReader, rows: Rows, count: number, mode: UnicodeErrors, checkEnd: boolean): Promise<void> {
  const { dim, file, expected } = rows;
  let line = 1;
  for (let i = 0; i < expected; i++) {
    line++;
    let nl = r.findBuffered(NL);
    if (nl === -1) nl = await r.find(NL);
    if (nl === -1 && r.available === 0) {
      throw new VectorFileError(file, `the file ends after ${i} of the ${count} words its header declares (truncated, or a wrong count)`, { line });
    }
    const buf = r.buffer;
    const lineEnd = nl === -1 ? r.end : nl;
    let end = lineEnd;
    while (end > r.pos && isSpace(buf[end - 1])) end--;
    let sp = buf.subarray(0, end).indexOf(SPACE, r.pos);
    if (sp === -1) sp = end;
    const word = decodeWord(rows, buf.subarray(r.pos, sp), mode, { line });
    const fields = sp < end ? buf.toString('latin1', sp + 1, end).split(' ') : [];
    if (fields.length !== dim) {
      throw new VectorFileError(file, `the row of ${JSON.stringify(word)} has ${fields.length} values, expected ${dim} (the header's dimension)`, { line });
    }
    if (rows.add(word, { line })) {
      const v = rows.vectors;
      const at = rows.rowOffset;
      for (let k = 0; k < dim; k++) {
        const x = parseValue(fields[k]);
        if (x === undefined) {
          throw new VectorFileError(file, `value ${k + 1} of ${JSON.stringify(word)} is not a number: ${JSON.stringify(fields[k].slice(0, 40))}`, { line });
        }
        v[at + k] = x;
      }
    }
    r.pos = nl === -1 ? r.end : nl + 1;
  }
  if (checkEnd) {
    // Blank lines may follow the last row; another row means the header's count is wrong.
    for (;;) {
      if (r.available === 0 && !(await r.fill())) return;
      const b = r.buffer[r.pos];
      if (b === NL) line++;
      else if (!isSpace(b)) throw new VectorFileError(file, `more rows than the ${count} words the header declares (wrong count?)`, { line: line + 1 });
      r.pos++;
    }
  }
}

/** A decimal float as Python's `float()` reads one (plus inf/nan), or undefined. */
function parseValue(s: string): number | undefined {
  const x = Number(s);
  if (x === x) {
    if (s.length === 0) return undefined;
    // Number() also reads hex, octal and binary literals ("0x1f"), which are no floats.
    const c = s.length > 1 ? s.charCodeAt(1) | 0x20 : 0;
    return c === 0x78 || c === 0x6f || c === 0x62 ? undefined : x;
  }
  const l = s.toLowerCase();
  if (/^[+-]?nan$/.test(l)) return NaN;
  if (/^[+-]?inf(inity)?$/.test(l)) return l[0] === '-' ? -Infinity : Infinity;
  return undefined;
}
