/**
 * Reading corpus files as byte chunks, plain or gzip (by the `.gz` suffix), whole or by byte range —
 * the way word2vec C gives each thread its own slice of the file. A range [start, end) owns the words
 * that *begin* in it: a reader starting mid-word skips to the next separator, and one reaching `end`
 * mid-word reads on to the word's end, so adjacent ranges share no word and lose none. For gzip the
 * offsets are in the decompressed stream (whose size the vocabulary pass measures), and a range is
 * reached by decompressing from the start: cheap next to training.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { CorpusFileError } from '../errors.js';
import { isSeparator } from './word-scanner.js';

/** Read size: large enough that per-chunk costs vanish, small enough to stay in cache. */
const CHUNK_BYTES = 1 << 20;

export function isGzip(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/** Checks that every file can be opened; throws `CorpusFileError` naming the first that cannot. */
export async function checkFiles(files: readonly string[]): Promise<void> {
  for (const f of files) {
    if (typeof f !== 'string') throw new CorpusFileError(String(f), 'not a path');
    try {
      const s = await stat(f);
      if (!s.isFile()) throw new CorpusFileError(f, 'not a regular file');
    } catch (e) {
      if (e instanceof CorpusFileError) throw e;
      throw new CorpusFileError(f, (e as Error).message);
    }
  }
}

/** The bytes of `path` (decompressed for `.gz`), whole. */
export function fileChunks(path: string): AsyncGenerator<Uint8Array> {
  return fileRangeChunks(path, 0, Infinity);
}

/**
 * The bytes holding the words that begin in [start, end) of `path` (decompressed offsets for `.gz`), in
 * chunks of at most about `chunkBytes` (smaller only in tests, to cut words across many chunks).
 */
export async function* fileRangeChunks(path: string, start: number, end: number, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  if (start >= end) return;
  const gz = isGzip(path);
  // Start one byte early: whether that byte is a separator says if `start` begins a word.
  const from = start > 0 ? start - 1 : 0;
  let stream: Readable;
  try {
    stream = gz
      ? createReadStream(path, { highWaterMark: chunkBytes }).pipe(createGunzip({ chunkSize: Math.max(64, chunkBytes) }))
      : createReadStream(path, { highWaterMark: chunkBytes, start: from });
  } catch (e) {
    throw new CorpusFileError(path, (e as Error).message);
  }
  let pos = gz ? 0 : from; // offset of the next chunk's first byte
  let skipping = start > 0; // still inside the word that began before `start`
  let finishing = false; // past `end`, inside the range's last word
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      let chunk: Uint8Array = raw;
      const chunkStart = pos;
      pos += chunk.length;
      if (pos <= from) continue;
      if (chunkStart < from) chunk = chunk.subarray(from - chunkStart);
      if (skipping) {
        let i = 0;
        while (i < chunk.length && !isSeparator(chunk[i]!)) i++;
        if (i === chunk.length) continue;
        skipping = false;
        // A separator belongs to the range holding it: the one at start - 1 is the previous range's.
        chunk = chunk.subarray(pos - chunk.length + i < start ? i + 1 : i);
      }
      if (finishing) {
        // Reading on to the end of the range's last word.
        let i = 0;
        while (i < chunk.length && !isSeparator(chunk[i]!)) i++;
        if (i < chunk.length) {
          if (i > 0) yield chunk.subarray(0, i);
          return;
        }
      } else if (pos >= end) {
        // This chunk holds the range's last byte, end - 1: the range stops there if that byte is a
        // separator (which is ours), else at the end of the word it is part of.
        const j = end - 1 - (pos - chunk.length);
        if (j < 0) return;
        if (isSeparator(chunk[j]!)) {
          yield chunk.subarray(0, j + 1);
          return;
        }
        let i = j + 1;
        while (i < chunk.length && !isSeparator(chunk[i]!)) i++;
        if (i < chunk.length) {
          yield chunk.subarray(0, i);
          return;
        }
        finishing = true;
      }
      yield chunk;
    }
  } catch (e) {
    throw new CorpusFileError(path, (e as Error).message);
  } finally {
    stream.destroy();
  }
}
