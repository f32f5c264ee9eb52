/**
 * The commander setup every nlpkit command shares, and the run that turns a parse into an exit code.
 * Each package names its command, its help epilogue and its error policy (./report.ts); the plumbing
 * (output through the run's streams, "<name>: …" error lines, help after a usage error) is here once.
 */
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { EXIT_OK, type ErrorReport } from './report.js';

/** Where a program writes: the process's streams, or stand-ins in tests. */
export interface CliOutput {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export interface ProgramSpec {
  /** The command's name (`tok`); it also prefixes every error line: `tok: <message>`. */
  readonly name: string;
  readonly description: string;
  readonly version: string;
  /** Named by `-V, --version`'s help: "print the version of <packageName>". */
  readonly packageName: string;
  /** Adds `--debug` (stack traces with errors), shown in every subcommand's help as a global option. */
  readonly debugOption: boolean;
  /** Text after the options in `--help`: examples, exit status. */
  readonly helpAfter: string;
}

/**
 * A commander program writing to `io`; commander errors are thrown (`exitOverride`), not exited on.
 * `.command()` copies these settings (exitOverride, output, help) to each subcommand added later.
 * @example const program = createProgram(io, { name: 'tok', description, version, packageName: '@nlpkit/tokenize', debugOption: true, helpAfter });
 */
export function createProgram(io: CliOutput, spec: ProgramSpec): Command {
  const program = new Command(spec.name)
    .description(spec.description)
    .version(spec.version, '-V, --version', `print the version of ${spec.packageName}`);
  if (spec.debugOption) program.option('--debug', 'print stack traces with errors');
  return program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // commander says "error: …"; the command says "<name>: …" like every other error it prints.
      outputError: (s, write) => write(`${spec.name}: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', spec.helpAfter);
}

/**
 * Parses `argv` (without the node and script paths) with `program` and resolves to the exit code,
 * printing errors that are not commander's through `report`, so tests can drive a whole CLI in-process.
 * @example process.exitCode = await runProgram(createProgram(io, spec), ['count', 'a.txt'], io.stderr, report);
 */
export async function runProgram(program: Command, argv: readonly string[], stderr: Writable, report: ErrorReport): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    // commander has already printed its own errors (and help); everything else is printed here.
    if (!(err instanceof CommanderError)) stderr.write(report.formatError(err, program.opts().debug === true));
    return report.exitCodeFor(err);
  }
}

/**
 * The `version` of a package.json, read once at start.
 * @example const version = packageVersion(new URL('../../package.json', import.meta.url)); // same path from src/cli/ and dist/cli/
 */
export function packageVersion(packageJson: URL): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}
