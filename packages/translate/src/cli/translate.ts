/**
 * src/cli/: the `translate` command (bin/translate.js runs the build of this file). This file only binds the
 * CLI to the real process: program.ts defines the commands, induce.ts and eval-dict.ts one subcommand each,
 * report.ts errors → `translate: <message>` and exit codes (0 ok, 1 bad input, 2 bad usage).
 */
import { runTranslate } from './program.js';
import { formatError } from './report.js';

// A reader that goes away (`translate --help | head -1`) is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') return;
  process.stderr.write(formatError(err, false));
  process.exitCode = 1;
});

const code = await runTranslate(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
