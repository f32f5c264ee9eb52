/**
 * The `embed` command line as a commander program, and `runEmbed`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests drive the whole CLI in-process. Each
 * subcommand lives in its own file and only parses flags and prints; the library does the work.
 */
import { createProgram as createKitProgram, packageVersion, runProgram } from '@nlpkit/kit/cli';
import type { Command } from 'commander';
import { configureConvert } from './convert.js';
import { configureEval } from './eval.js';
import type { CliIo } from './io.js';
import { configurePlot } from './plot.js';
import { report } from './report.js';
import { configureAnalogy, configureSimilar } from './similar.js';
import { configureTrain } from './train.js';

export type { CliIo } from './io.js';

// The same relative path from src/cli/ and dist/cli/.
const version = packageVersion(new URL('../../package.json', import.meta.url));

/** Builds the `embed` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo): Command {
  const program = createKitProgram(io, {
    name: 'embed',
    description: 'Train word2vec, query word vectors, evaluate them as gensim does, convert and plot them',
    version,
    packageName: '@nlpkit/embed',
    debugOption: true,
    helpAfter: `
Vector files: word2vec binary (.bin), word2vec text (.txt) and fastText text (.vec), told apart by extension
(else sniffed); --format overrides. Output files are written atomically (a temporary file, then a rename).

Exit status: 0 ok, 1 bad input (unreadable or corrupt file, unknown word, dimension mismatch), 2 bad usage
(unknown option, bad value). Errors print "embed: <message>" on stderr; --debug adds the stack trace.
Run "embed <command> --help" for a command's options.`,
  });
  // `.command()` copies the program's settings (exitOverride, output, help) to each subcommand.
  configureTrain(program.command('train'), io);
  configureSimilar(program.command('similar'), io);
  configureAnalogy(program.command('analogy'), io);
  configureEval(program.command('eval'), io);
  configureConvert(program.command('convert'), io);
  configurePlot(program.command('plot'), io);
  return program;
}

/**
 * Runs `embed` with `argv` (without the node and script paths) on `io`; resolves to the exit code.
 * @example process.exitCode = await runEmbed(['similar', 'vectors.bin', 'king'], processIo);
 */
export function runEmbed(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(createProgram(io), argv, io.stderr, report);
}
