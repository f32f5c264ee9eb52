/**
 * `textLines`: the lines of a file (plain or gzip, recognised by its magic bytes, not its name) or of a
 * stream, decoded as UTF-8 and streamed in chunks: memory is bounded by the chunk and the longest line.
 * "\r" before "\n" is dropped (ARPA files from Windows tools); a last line without "\n" still counts.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const CHUNK = 1 << 20;

/** Opens `path` for reading, through gunzip when it starts with the gzip magic bytes 1f 8b. */
export async function openMaybeGzip(path: string): Promise<Readable> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(2);
  let got: number;
  try {
    ({ bytesRead: got } = await fh.read(head, 0, 2, 0));
  } finally {
    await fh.close();
  }
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  if (got === 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip({ chunkSize: CHUNK });
    raw.on('error', (err) => gunzip.destroy(err));
    return raw.pipe(gunzip);
  }
  return raw;
}

/** Batches of lines from `chunks` (one batch per chunk: the lines it completes). */
export async function* lineBatches(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(last + 1);
    const lines = text.slice(0, last).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
    yield lines;
  }
  carry += decoder.decode();
  if (carry.length > 0) yield [carry.endsWith('\r') ? carry.slice(0, -1) : carry];
}

/**
 * The bytes of `chunks` in pieces that end at a line end ("\n"), the last possibly without one: what
 * `lineBatches` would decode, left undecoded (the scorers split and look words up in bytes).
 */
export async function* byteLineBatches(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (carry) buf = Buffer.concat([carry, buf]);
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      carry = buf;
      continue;
    }
    carry = last + 1 < buf.length ? buf.subarray(last + 1) : undefined;
    yield buf.subarray(0, last + 1);
  }
  if (carry) yield carry;
}
