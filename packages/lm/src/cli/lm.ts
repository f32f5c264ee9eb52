/**
 * src/cli/: the `lm` command (bin/lm.js runs the build of this file). This file only binds the CLI to
 * the real process: program.ts defines the commands, one file per subcommand (train, ppl, query,
 * generate), io.ts streams input and output, report.ts maps errors to `lm: <message>` and exit codes
 * (0 ok, 1 bad input, 2 bad usage), progress.ts draws the bar of long runs.
 */
import { runLm } from './program.js';
import { formatError } from './report.js';

// A reader that goes away (`lm query m.arpa < big | head -1`) is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE' || process.stdout.listenerCount('error') > 1) return;
  process.stderr.write(formatError(err, false));
  process.exitCode = 1;
});

const code = await runLm(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
});
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
