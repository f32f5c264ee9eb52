/**
 * Reading the `score` CLI's inputs: whole files (or stdin) as bytes. The CLI splits them into lines
 * as sacreBLEU does with TextLines (../text-lines.ts): strictly UTF-8 (invalid bytes are an error
 * naming the file and line), lines split at "\n" only, a last line without "\n" still a line, and
 * every line right-stripped of Python whitespace (`line.rstrip()`, which also drops a "\r").
 */
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { UnreadableFileError } from './errors.js';

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
