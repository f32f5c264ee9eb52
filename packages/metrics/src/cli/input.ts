/**
 * Reading the `score` CLI's inputs as sacreBLEU does: the whole file as UTF-8 (strictly: invalid bytes
 * are an error naming the file and line), lines split at "\n" only, a last line without "\n" still a
 * line, and every line right-stripped of Python whitespace (`line.rstrip()`, which also drops a "\r").
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { pyRstrip } from '../pystr.js';
import { InvalidUtf8Error, UnreadableFileError } from './errors.js';

/** The process's streams, or stand-ins in tests. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const STDIN_NAME = '<stdin>';

/** Reads a file (`-` = stdin) into bytes; failures become `UnreadableFileError` naming the path. */
export async function readSource(io: CliIo, name: string): Promise<Buffer> {
  if (name === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c as Uint8Array));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(name);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === 'EISDIR' ? 'is a directory' : (/^[A-Z0-9_]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message);
    throw new UnreadableFileError(name, reason);
  }
}

/** Decodes `bytes` (named `source` in errors) into right-stripped lines. */
export function decodeLines(bytes: Buffer, source: string): string[] {
  if (!isUtf8(bytes)) throw utf8Error(bytes, source);
  if (bytes.length === 0) return [];
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(pyRstrip);
}

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
