/**
 * src/cli/: the `score` command (bin/score.js runs the build of this file). This file only binds the CLI
 * to the real process; program.ts defines it, input.ts reads files, errors.ts holds its typed errors.
 */
import { runMain } from '@nlpkit/kit/cli';
import { runScore } from './program.js';

await runMain(runScore, { writeError: (err) => `score: cannot write the output: ${err.message}\n` });
