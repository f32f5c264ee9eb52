/**
 * `runMain`: what a command's bin entry does with the real process, once for all commands: hand the
 * run the process's streams, report a failed write to stdout, and set the exit code.
 */
import { fstatSync } from 'node:fs';
import type { CliIo } from './io.js';

export interface MainOptions {
  /** The text printed when writing to stdout fails for a reason other than a reader that went away. */
  writeError(err: NodeJS.ErrnoException): string;
  /**
   * Gives the run `io.stdinSize` when stdin is a redirected regular file (`tok encode < big.txt`), so
   * it can draw a progress bar for it. Off by default: a command whose inputs have a size draws a bar.
   */
  readonly stdinSize?: boolean;
}

/**
 * Runs `run` as the process: `process.argv` without the node and script paths, the process's streams.
 * @example await runMain(runTok, { writeError: (err) => formatError(err, false), stdinSize: true });
 */
export async function runMain(run: (argv: string[], io: CliIo) => Promise<number>, options: MainOptions): Promise<void> {
  // A reader that goes away (`tok --help | head -1`) is no error: the rest of the output is dropped
  // quietly, as Unix tools do. A write error that another listener sees (a LineWriter, which reports
  // it as the run's error) is that listener's; text written outside it (help) is reported here.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || process.stdout.listenerCount('error') > 1) return;
    process.stderr.write(options.writeError(err));
    process.exitCode = 1;
  });
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinSize: options.stdinSize === true ? regularFileSize(0) : undefined,
  };
  // Setting exitCode (rather than calling process.exit) lets pending output reach a pipe before exit;
  // a write error reported above keeps its exit code.
  const code = await run(process.argv.slice(2), io);
  if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
}

/** The size of the file behind descriptor `fd` when it is a regular file. */
function regularFileSize(fd: number): number | undefined {
  try {
    const info = fstatSync(fd);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined; // no such descriptor (stdin closed): reading it will report the problem
  }
}
