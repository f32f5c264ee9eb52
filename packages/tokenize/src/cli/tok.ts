/**
 * src/cli/: the `tok` command (bin/tok.js runs the build of this file). This file only binds the CLI
 * to the real process: program.ts defines the commands, one file per subcommand (encode, decode, count,
 * words, chars, sentences), io.ts/read-lines.ts (with @nlpkit/kit's LineWriter) stream lines in and out
 * in bounded memory, report.ts maps errors to `tok: <message>` and exit codes (0 ok, 1 bad input, 2 bad
 * usage).
 */
import { runMain } from '@nlpkit/kit/cli';
import { runTok } from './program.js';
import { formatError } from './report.js';

// The process setup (stdout write errors, exit code) is @nlpkit/kit's; tok also gets stdin's size when
// it is a redirected file (`tok encode < big.txt`), for the progress bar.
await runMain(runTok, { writeError: (err) => formatError(err, false), stdinSize: true });
