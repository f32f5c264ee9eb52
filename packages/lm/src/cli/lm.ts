/**
 * src/cli/: the `lm` command (bin/lm.js runs the build of this file). This file only binds the CLI to
 * the real process: program.ts defines the commands, one file per subcommand (train, ppl, query,
 * generate), io.ts streams input and output, report.ts maps errors to `lm: <message>` and exit codes
 * (0 ok, 1 bad input, 2 bad usage), progress.ts draws the bar of long runs.
 */
import { runMain } from '@nlpkit/kit/cli';
import { runLm } from './program.js';
import { formatError } from './report.js';

await runMain(runLm, { writeError: (err) => formatError(err, false) });
