/**
 * src/cli/: the `embed` command (bin/embed.js runs the build of this file). This file only binds the CLI
 * to the real process: program.ts defines the commands, one file per subcommand (train, similar +
 * analogy, eval, convert, plot), options.ts the shared flags, report.ts errors → `embed: <message>` and
 * exit codes (0 ok, 1 bad input, 2 bad usage).
 */
import { formatError } from './report.js';
import { runEmbed } from './program.js';

// A reader that goes away (`embed --help | head -1`) is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') return;
  process.stderr.write(formatError(err, false));
  process.exitCode = 1;
});

const code = await runEmbed(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
});
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
