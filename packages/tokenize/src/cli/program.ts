/**
 * The `tok` command line as a commander program, and `runTok`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests can drive the whole CLI in-process.
 * Each subcommand lives in its own file and only parses flags and prints; the library does the work.
 */
import { createProgram as createKitProgram, packageVersion, runProgram } from '@nlpkit/kit/cli';
import type { Command } from 'commander';
import { configureChars } from './chars.js';
import { configureCount } from './count.js';
import { configureDecode } from './decode.js';
import { configureEncode } from './encode.js';
import type { CliIo } from './io.js';
import { report } from './report.js';
import { configureSentences } from './sentences.js';
import { configureSubwords } from './subwords.js';
import { configureTrain } from './train.js';
import { configureVocab } from './vocab.js';
import { configureWords } from './words.js';

// The same relative path from src/cli/ and dist/cli/.
const version = packageVersion(new URL('../../package.json', import.meta.url));

/** Builds the `tok` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo): Command {
  const program = createKitProgram(io, {
    name: 'tok',
    description: 'Tokenize text from files or stdin, streaming, one output line per input line',
    version,
    packageName: '@nlpkit/tokenize',
    debugOption: true,
    helpAfter: `
Exit status: 0 ok, 1 bad input (invalid UTF-8, special-token text, unknown token id, unreadable file),
2 bad usage (unknown option, encoding, model or style). Errors print "tok: <message>" on stderr.
Run "tok <command> --help" for a command's options.`,
  });
  // `.command()` copies the program's settings (exitOverride, output, help) to each subcommand.
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
export function runTok(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(createProgram(io), argv, io.stderr, report);
}
