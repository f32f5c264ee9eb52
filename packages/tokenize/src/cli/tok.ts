/**
 * src/cli/: the `tok` command (bin/tok.js runs the build of this file). This file only binds the CLI
 * to the real process: program.ts defines the commands, one file per subcommand (encode, decode, count,
 * words, chars, sentences), io.ts/read-lines.ts/line-writer.ts stream lines in and out in bounded memory,
 * report.ts maps errors to `tok: <message>` and exit codes (0 ok, 1 bad input, 2 bad usage).
 */
import { fstatSync } from 'node:fs';
import type { CliIo } from './io.js';
import { runTok } from './program.js';
import { formatError } from './report.js';

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
// quietly, as Unix tools do. Other write errors (a full disk) are reported by LineWriter for line
// output; text written outside it (help) has no other listener, so it is reported here.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE' || process.stdout.listenerCount('error') > 1) return;
  process.stderr.write(formatError(err, false));
  process.exitCode = 1;
});

// Setting exitCode (rather than calling process.exit) lets pending output reach a pipe before exit;
// a write error reported above keeps its exit code.
const code = await runTok(process.argv.slice(2), processIo());
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
