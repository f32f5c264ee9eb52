/**
 * The streams an `embed` run uses (the process's, or stand-ins in tests: @nlpkit/kit's `CliIo`), and
 * output helpers.
 */
import { writeAndWait, type CliIo } from '@nlpkit/kit/cli';

export type { CliIo } from '@nlpkit/kit/cli';

/** Writes `text` to stdout and waits until it is handed over. */
export function print(io: CliIo, text: string): Promise<void> {
  return writeAndWait(io.stdout, text);
}
