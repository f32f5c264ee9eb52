/**
 * Reading the `score` CLI's inputs: whole files (or stdin) as bytes. The CLI splits them into lines
 * as sacreBLEU does with TextLines (../text-lines.ts): strictly UTF-8 (invalid bytes are an error
 * naming the file and line), lines split at "\n" only, a last line without "\n" still a line, and
 * every line right-stripped of Python whitespace (`line.rstrip()`, which also drops a "\r").
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { systemErrorReason, type CliIo as KitCliIo } from '@nlpkit/kit/cli';
import type { KernelArena } from '../counting/bleu-wasm.js';
import { UnreadableFileError } from './errors.js';

/** The process's streams, or stand-ins in tests (score draws no progress bar, so no terminal check). */
export type CliIo = Pick<KitCliIo, 'stdin' | 'stdout' | 'stderr'>;

export { STDIN_NAME } from '@nlpkit/kit/cli';

/**
 * Reads a file (`-` = stdin) into bytes; failures become `UnreadableFileError` naming the path. With an
 * arena, the bytes land in the BLEU kernel's memory (regular files are read straight into it), where
 * corpus BLEU uses them without a copy.
 */
export async function readSource(io: CliIo, name: string, arena?: KernelArena): Promise<Buffer> {
  if (name === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c as Uint8Array));
    return inArena(Buffer.concat(chunks), arena);
  }
  try {
    return (arena && readRegularFile(name, arena)) ?? inArena(await readFile(name), arena);
  } catch (err) {
    throw new UnreadableFileError(name, systemErrorReason(err as NodeJS.ErrnoException));
  }
}

function inArena(bytes: Buffer, arena: KernelArena | undefined): Buffer {
  if (!arena?.fits(bytes.length)) return bytes; // past the kernel's limit: BLEU takes the JavaScript path
  const b = arena.allocate(bytes.length);
  bytes.copy(b);
  return b;
}

/**
 * A regular file read whole into the arena; null for anything else (pipes, devices, a file that changed,
 * more than the arena takes).
 */
function readRegularFile(name: string, arena: KernelArena): Buffer | null {
  const fd = openSync(name, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !arena.fits(st.size)) return null;
    const b = arena.allocate(st.size);
    let got = 0;
    for (let n = 1; got < st.size && n > 0; got += n) n = readSync(fd, b, got, st.size - got, got);
    return got === st.size && readSync(fd, Buffer.alloc(1), 0, 1, got) === 0 ? b : null;
  } finally {
    closeSync(fd);
  }
}
