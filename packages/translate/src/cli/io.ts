/** The streams a `translate` run writes to (the process's, or stand-ins in tests). */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Input of the commands that read text (`words`, `run`); tests pass a stream of their own. */
  readonly stdin?: Readable;
  /** Whether to draw progress bars on stderr (default: when stderr is a terminal). */
  readonly progress?: boolean;
}

/** Writes `text` to `stream` and waits until it is handed over. */
export { writeAndWait as write } from '@nlpkit/kit/cli';
