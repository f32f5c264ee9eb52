/**
 * src/cli/: the `score` command (bin/score.js runs the build of this file). This file only binds the CLI
 * to the real process; program.ts defines it, input.ts reads files, errors.ts holds its typed errors.
 */
import { runScore } from './program.js';

// A reader that goes away (`score --help | head -1`) is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') return;
  process.stderr.write(`score: cannot write the output: ${err.message}\n`);
  process.exitCode = 1;
});

const code = await runScore(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
