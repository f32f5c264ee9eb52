/**
 * The `translate` command line as a commander program, and `runTranslate`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests drive the whole CLI in-process. Each
 * subcommand lives in its own file and only parses flags and prints; the library does the work.
 */
import { createProgram as createKitProgram, packageVersion, runProgram } from '@nlpkit/kit/cli';
import type { Command } from 'commander';
import { configureEvalDict } from './eval-dict.js';
import { configureInduce } from './induce.js';
import { configurePlot } from './plot.js';
import { configureRun } from './run.js';
import { configureTrainUnsup } from './train-unsup.js';
import { configureWords } from './words.js';
import type { CliIo } from './io.js';
import { report } from './report.js';

export type { CliIo } from './io.js';

// The same relative path from src/cli/ and dist/cli/.
const version = packageVersion(new URL('../../package.json', import.meta.url));

/** Builds the `translate` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo): Command {
  const program = createKitProgram(io, {
    name: 'translate',
    description:
      'Translation without parallel data: induce bilingual dictionaries from two embedding spaces, evaluate them; ' +
      'translate word by word with an n-gram LM; train and run phrase-based systems by back-translation',
    version,
    packageName: '@nlpkit/translate',
    debugOption: true,
    helpAfter: `
Vector files: word2vec binary (.bin), word2vec text (.txt) or fastText text (.vec), most frequent word first.
Dictionaries: MUSE format, one "source target" pair per line. Output files are written atomically.
Text (words, train-unsup, run): one sentence a line, tokenised (or --tokenize LANG); stdin → stdout.

Exit status: 0 ok, 1 bad input (unreadable file, dictionary outside the vocabularies, dimension mismatch,
collapsed mapping, empty monolingual data, files that should be line-parallel but are not, a bad model folder),
2 bad usage. Errors print "translate: <message>" on stderr; --debug adds the stack trace.
Run "translate <command> --help" for a command's options.`,
  });
  configureInduce(program.command('induce'), io);
  configureEvalDict(program.command('eval-dict'), io);
  configurePlot(program.command('plot'), io);
  configureWords(program.command('words'), io);
  configureTrainUnsup(program.command('train-unsup'), io);
  configureRun(program.command('run'), io);
  return program;
}

/** Runs `translate` with `argv` (without the node and script paths) on `io`; resolves to the exit code. */
export function runTranslate(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(createProgram(io), argv, io.stderr, report);
}
