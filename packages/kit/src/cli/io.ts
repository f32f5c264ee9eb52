/**
 * How a command meets its input and output: the process's streams (`CliIo`, replaceable in tests),
 * input names where "-" or none is stdin (`resolveSources`, which checks every file before any is
 * read), and `writeAndWait` for output written in one piece.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

/** The process's streams, or stand-ins in tests. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  readonly stderrIsTTY: boolean;
  /** stdin's size when it is a regular file (`tok encode < big.txt`), so it can have a progress bar. */
  readonly stdinSize?: number;
}

/** The name of stdin in messages (`<stdin>:3: …`). */
export const STDIN_NAME = '<stdin>';

/** An input: its name in messages, its size when known (for a progress bar), and its bytes. */
export interface Source {
  readonly name: string;
  readonly size: number | undefined;
  open(): Readable;
}

export interface SourceOptions {
  /** Read buffer for files (default 1 MiB): large enough that syscalls vanish, small enough not to matter. */
  readonly chunkBytes?: number;
}

/**
 * The inputs `files` name ("-" or none = stdin, with `io.stdinSize`), every file checked before any
 * is read, so a missing one fails before output starts (a Node.js ENOENT/EISDIR error with its path).
 * @example for (const source of await resolveSources(io, ['a.txt', '-'])) for await (const chunk of source.open()) …
 */
export async function resolveSources(
  io: Pick<CliIo, 'stdin' | 'stdinSize'>,
  files: readonly string[],
  options: SourceOptions = {},
): Promise<Source[]> {
  const highWaterMark = options.chunkBytes ?? 1 << 20;
  const names = files.length === 0 ? ['-'] : files;
  const sources: Source[] = [];
  for (const name of names) {
    if (name === '-') {
      sources.push({ name: STDIN_NAME, size: io.stdinSize, open: () => io.stdin });
      continue;
    }
    const info = await stat(name);
    // Reading a directory fails only at the first read; say so now, as Node would.
    if (info.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${name}'`), { code: 'EISDIR', path: name, syscall: 'read' });
    }
    sources.push({ name, size: info.isFile() ? info.size : undefined, open: () => createReadStream(name, { highWaterMark }) });
  }
  return sources;
}

/**
 * Writes `text` to `stream` and resolves once it is handed over (rejects on a write error).
 * @example await writeAndWait(io.stdout, `${JSON.stringify(result)}\n`);
 */
export function writeAndWait(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
