/**
 * src/cli/: the `translate` command (bin/translate.js runs the build of this file). This file only binds the
 * CLI to the real process: program.ts defines the commands, induce.ts and eval-dict.ts one subcommand each,
 * report.ts errors → `translate: <message>` and exit codes (0 ok, 1 bad input, 2 bad usage).
 */
import { runMain } from '@nlpkit/kit/cli';
import { runTranslate } from './program.js';
import { formatError } from './report.js';

await runMain(runTranslate, { writeError: (err) => formatError(err, false) });
