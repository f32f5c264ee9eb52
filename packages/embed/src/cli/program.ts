/**
 * The `embed` command line as a commander program, and `runEmbed`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests drive the whole CLI in-process. Each
 * subcommand lives in its own file and only parses flags and prints; the library does the work.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { configureConvert } from './convert.js';
import { configureEval } from './eval.js';
import type { CliIo } from './io.js';
import { configurePlot } from './plot.js';
import { EXIT_OK, exitCodeFor, formatError } from './report.js';
import { configureAnalogy, configureSimilar } from './similar.js';
import { configureTrain } from './train.js';

export type { CliIo } from './io.js';

// The same relative path from src/cli/ and dist/cli/.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Builds the `embed` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo): Command {
  const program = new Command('embed')
    .description('Train word2vec, query word vectors, evaluate them as gensim does, convert and plot them')
    .version(version, '-V, --version', 'print the version of @nlpkit/embed')
    .option('--debug', 'print stack traces with errors')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(`embed: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Vector files: word2vec binary (.bin), word2vec text (.txt) and fastText text (.vec), told apart by extension
(else sniffed); --format overrides. Output files are written atomically (a temporary file, then a rename).

Exit status: 0 ok, 1 bad input (unreadable or corrupt file, unknown word, dimension mismatch), 2 bad usage
(unknown option, bad value). Errors print "embed: <message>" on stderr; --debug adds the stack trace.
Run "embed <command> --help" for a command's options.`,
    );
  // `.command()` copies the settings above (exitOverride, output, help) to each subcommand.
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
export async function runEmbed(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    // commander has already printed its own errors (and help); everything else is printed here.
    if (!(err instanceof CommanderError)) io.stderr.write(formatError(err, program.opts().debug === true));
    return exitCodeFor(err);
  }
}
