/**
 * src/cli/: the `tok` command (bin/tok.js runs the build of this file). This file only binds the CLI
 * to the real process: program.ts defines the commands, one file per subcommand (encode, decode, count,
 * words, chars, sentences), io.ts/read-lines.ts/line-writer.ts stream lines in and out in bounded memory,
 * report.ts maps errors to `tok: <message>` and exit codes (0 ok, 1 bad input, 2 bad usage).
 */
import { fstatSync } from 'node:fs';
import type { CliIo } from './io.js';
import { runTok } from './program.js';

/** The process's own streams; stdin's size when it is a redirected regular file, for the progress bar. */
function processIo(): CliIo {
  let stdinSize: number | undefined;
  try {
    const info = fstatSync(0);
    if (info.isFile()) stdinSize = info.size;
  } catch {
    // no stdin at all (closed descriptor): reading it will report the problem
  }
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, stderrIsTTY: process.stderr.isTTY === true, stdinSize };
}

// A reader that goes away (`tok --help | head -1`) is no error: the rest of the output is dropped
// quietly, as Unix tools do. (Line output handles this itself in line-writer.ts; this covers help text.)
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

// Setting exitCode (rather than calling process.exit) lets pending output reach a pipe before exit.
process.exitCode = await runTok(process.argv.slice(2), processIo());
