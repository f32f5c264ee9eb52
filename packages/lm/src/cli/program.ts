/**
 * The `lm` command line as a commander program, and `runLm`, which runs it on given arguments and
 * streams and returns the exit code instead of exiting, so tests drive the whole CLI in-process.
 * Each subcommand lives in its own file and only parses flags and prints; the library does the work.
 */
import { createProgram as createKitProgram, packageVersion, runProgram } from '@nlpkit/kit/cli';
import type { Command } from 'commander';
import { configureGenerate } from './generate.js';
import type { CliIo } from './io.js';
import { configurePpl } from './ppl.js';
import { configureQuery } from './query.js';
import { report } from './report.js';
import { configureTrain } from './train.js';
import { configureTranslate } from './translate.js';

// The same relative path from src/cli/ and dist/cli/.
const version = packageVersion(new URL('../../package.json', import.meta.url));

/** Builds the `lm` program writing to `io`; commander errors are thrown (`exitOverride`), not exited on. */
export function createProgram(io: CliIo): Command {
  const program = createKitProgram(io, {
    name: 'lm',
    description:
      'n-gram language models: train (KenLM lmplz-exact modified Kneser-Ney, NLTK KN/WB), perplexity, KenLM-exact query, generation; neural translation (ONNX encoder–decoders)',
    version,
    packageName: '@nlpkit/lm',
    debugOption: true,
    helpAfter: `
Examples:
  lm train corpus.txt -o model.arpa --order 3             # the ARPA file lmplz -o 3 writes
  lm ppl model.arpa < test.txt                            # KenLM query's perplexity summary
  lm query model.arpa < test.txt                          # KenLM query's per-word lines
  lm generate model.arpa -n 20 --seed 1 --top-k 40
  lm translate models/opus-mt-en-de --beams 4 < en.txt     # ONNX encoder–decoder, one line each

Exit status: 0 ok, 1 bad input, 2 bad usage. Errors print "lm: <message>" on stderr.
Run "lm <command> --help" for a command's options.`,
  });
  configureTrain(program.command('train'), io);
  configurePpl(program.command('ppl'), io);
  configureQuery(program.command('query'), io);
  configureGenerate(program.command('generate'), io);
  configureTranslate(program.command('translate'), io);
  return program;
}

/**
 * Runs `lm` with `argv` (without the node and script paths) on `io`; resolves to the exit code.
 * @example process.exitCode = await runLm(['ppl', 'model.arpa', 'test.txt'], processIo);
 */
export function runLm(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(createProgram(io), argv, io.stderr, report);
}
