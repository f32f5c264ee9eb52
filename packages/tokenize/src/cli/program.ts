/**
 * The `tok` command line as a commander program, and `runTok`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests can drive the whole CLI in-process.
 * Each subcommand lives in its own file and only parses flags and prints; the library does the work.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { configureChars } from './chars.js';
import { configureCount } from './count.js';
import { configureDecode } from './decode.js';
import { configureEncode } from './encode.js';
import type { CliIo } from './io.js';
import { EXIT_OK, exitCodeFor, formatError } from './report.js';
import { configureSentences } from './sentences.js';
import { configureSubwords } from './subwords.js';
import { configureTrain } from './train.js';
import { configureVocab } from './vocab.js';
import { configureWords } from './words.js';

// The same relative path from src/cli/ and dist/cli/.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Builds the `tok` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo): Command {
  const program = new Command('tok')
    .description('Tokenize text from files or stdin, streaming, one output line per input line')
    .version(version, '-V, --version', 'print the version of @nlpkit/tokenize')
    .option('--debug', 'print stack traces with errors')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // commander says "error: …"; tok says "tok: …" like every other error it prints.
      outputError: (s, write) => write(`tok: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Exit status: 0 ok, 1 bad input (invalid UTF-8, special-token text, unknown token id, unreadable file),
2 bad usage (unknown option, encoding, model or style). Errors print "tok: <message>" on stderr.
Run "tok <command> --help" for a command's options.`,
    );
  // `.command()` copies the settings above (exitOverride, output, help) to each subcommand.
  configureEncode(program.command('encode'), io);
  configureDecode(program.command('decode'), io);
  configureCount(program.command('count'), io);
  configureWords(program.command('words'), io);
  configureChars(program.command('chars'), io);
  configureSentences(program.command('sentences'), io);
  configureSubwords(program.command('subwords'), io);
  configureVocab(program.command('vocab'), io);
  configureTrain(program.command('train'), io);
  return program;
}

/**
 * Runs `tok` with `argv` (without the node and script paths) on `io`; resolves to the exit code.
 * @example process.exitCode = await runTok(['count', 'corpus.txt'], processIo());
 */
export async function runTok(argv: readonly string[], io: CliIo): Promise<number> {
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
