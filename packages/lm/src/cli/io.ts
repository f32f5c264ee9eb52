/**
 * How `lm` meets its input and output: the process's streams (`CliIo`, replaceable in tests), input
 * files where "-" or none is stdin, and `LineWriter`, which waits for 'drain' so a slow reader slows
 * `lm` instead of filling memory, and stops quietly when the reader goes away (EPIPE).
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

/** The process's streams, or stand-ins in tests. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  readonly stderrIsTTY: boolean;
}

export const STDIN_NAME = '<stdin>';

/** An input: its name in messages, its size when known (progress), and its bytes. */
export interface Source {
  readonly name: string;
  readonly size: number | undefined;
  open(): Readable;
}

/** Resolves input names ("-" or none = stdin), checking every file before any is read. */
export async function resolveSources(io: CliIo, files: readonly string[]): Promise<Source[]> {
  const names = files.length === 0 ? ['-'] : files;
  const out: Source[] = [];
  for (const name of names) {
    if (name === '-') {
      out.push({ name: STDIN_NAME, size: undefined, open: () => io.stdin });
      continue;
    }
    const info = await stat(name);
    if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${name}'`), { code: 'EISDIR', path: name, syscall: 'read' });
    out.push({ name, size: info.isFile() ? info.size : undefined, open: () => createReadStream(name, { highWaterMark: 1 << 20 }) });
  }
  return out;
}

export class LineWriter {
  private stopped = false;
  private failure: Error | undefined;
  private readonly wake = new AbortController();

  constructor(private readonly stream: Writable) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.stopped = true;
      else this.failure ??= err;
      this.wake.abort();
    });
  }

  /** True once nobody reads the output any more. */
  get closed(): boolean {
    return this.stopped;
  }

  /** Writes `text` (a string or UTF-8 bytes); resolves once the stream can take more. */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stopped || text.length === 0) return;
    if (!this.stream.write(text)) {
      try {
        await once(this.stream, 'drain', { signal: this.wake.signal });
      } catch (err) {
        if (!this.wake.signal.aborted) throw err;
      }
    }
    if (this.failure) throw this.failure;
  }
}
