/**
 * The streams an `embed` run uses (the process's, or stand-ins in tests), and output helpers.
 */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether stderr is a terminal (the training progress bar is drawn only there). */
  readonly stderrIsTTY: boolean;
}

/** Writes `text` to stdout and waits until it is handed over. */
export function print(io: CliIo, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    io.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
