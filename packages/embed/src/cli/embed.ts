/**
 * src/cli/: the `embed` command (bin/embed.js runs the build of this file). This file only binds the CLI
 * to the real process: program.ts defines the commands, one file per subcommand (train, similar +
 * analogy, eval, convert, plot), options.ts the shared flags, report.ts errors → `embed: <message>` and
 * exit codes (0 ok, 1 bad input, 2 bad usage).
 */
import { runMain } from '@nlpkit/kit/cli';
import { runEmbed } from './program.js';
import { formatError } from './report.js';

await runMain(runEmbed, { writeError: (err) => formatError(err, false) });
