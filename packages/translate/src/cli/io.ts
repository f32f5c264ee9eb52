/** The streams a `translate` run writes to (the process's, or stand-ins in tests). */
import type { Writable } from 'node:stream';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Writes `text` to `stream` and waits until it is handed over. */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
