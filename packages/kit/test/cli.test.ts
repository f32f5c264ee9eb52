/**
 * The shared CLI plumbing on a toy command: exit codes, error lines, bug hints, input resolution.
 * Each package's own CLI tests check its command end to end on top of this.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createProgram,
  EXIT_DATA,
  EXIT_USAGE,
  errorReport,
  resolveSources,
  runProgram,
  STDIN_NAME,
  systemErrorReason,
  UsageError,
  type ErrorPolicy,
} from '../src/cli/index.js';
import { runInProcess } from '../src/testing/index.js';

class ToyError extends Error {}

const policy = (debugOption: boolean): ErrorPolicy => ({
  name: 'toy',
  debugOption,
  exitCode: (err) => (err instanceof UsageError ? EXIT_USAGE : EXIT_DATA),
  isExpected: (err) => err instanceof ToyError || err instanceof UsageError,
});

/** A `toy` command whose `fail` subcommand throws `thrown`. */
function toy(argv: string[], thrown: unknown, debugOption = true) {
  return runInProcess((io) => {
    const program = createProgram(io, { name: 'toy', description: 'a toy', version: '1.2.3', packageName: '@nlpkit/toy', debugOption, helpAfter: '\nExit status: 0 ok.' });
    program.command('fail').action(() => {
      throw thrown;
    });
    return runProgram(program, argv, io.stderr, errorReport(policy(debugOption)));
  });
}

describe('createProgram + runProgram', () => {
  it.each([
    ['--help', ['--help'], 0],
    ['--version', ['--version'], 0],
    ['an unknown option', ['--nope'], 2],
    ['no subcommand (help on stderr)', [], 2],
    ['a usage error', ['fail'], 2],
  ])('%s → exit %d', async (_what, argv, code) => {
    expect((await toy(argv, new UsageError('bad combination'))).code).toBe(code);
  });

  it('prints commander errors as "<name>: …" with the help hint, help with the epilogue', async () => {
    expect((await toy(['--nope'], null)).stderr).toBe("toy: unknown option '--nope'\n(add --help for usage)\n");
    const help = (await toy(['--help'], null)).stdout;
    expect(help).toContain('print the version of @nlpkit/toy');
    expect(help).toContain('--debug');
    expect(help.endsWith('\nExit status: 0 ok.\n')).toBe(true);
    expect((await toy(['--version'], null)).stdout).toBe('1.2.3\n');
  });

  it('prints an expected error as one line, exit 1', async () => {
    expect(await toy(['fail'], new ToyError('corrupt file x'))).toEqual({ code: 1, stdout: '', stderr: 'toy: corrupt file x\n' });
  });

  it('adds a bug hint to an unexpected error, and the stack with --debug', async () => {
    expect((await toy(['fail'], new TypeError('oops'))).stderr).toBe(
      'toy: oops\ntoy: this looks like a bug in toy; run again with --debug for the stack trace and report it\n',
    );
    expect((await toy(['--debug', 'fail'], new TypeError('oops'))).stderr).toMatch(/^toy: oops\nTypeError: oops\n +at /);
  });

  it('without --debug, the bug note carries the stack itself', async () => {
    const r = await toy(['fail'], new TypeError('oops'), false);
    expect(r.stderr).toMatch(/^toy: oops\ntoy: this looks like a bug; please report it with this stack trace:\nTypeError: oops\n +at /);
    expect((await toy(['fail'], 'a string', false)).stderr).toBe('toy: a string\n');
  });

  it('lets rootOf decide the exit code and stack of a wrapped error', () => {
    class Wrapped extends Error {
      constructor(override readonly cause: unknown) {
        super('at line 3');
      }
    }
    const report = errorReport({ ...policy(true), rootOf: (err) => (err instanceof Wrapped ? err.cause : err) });
    const usage = new UsageError('bad');
    expect(report.exitCodeFor(new Wrapped(usage))).toBe(EXIT_USAGE);
    expect(report.formatError(new Wrapped(usage), true)).toBe(`toy: at line 3\n${usage.stack}\n`);
    expect(report.formatError(new Wrapped(new ToyError('x')), false)).toBe('toy: at line 3\n');
  });
});

describe('systemErrorReason', () => {
  const sys = (code: string, message: string) => Object.assign(new Error(message), { code, syscall: 'open' });
  it.each([
    [sys('ENOENT', "ENOENT: no such file or directory, open 'x'"), 'no such file or directory'],
    [sys('EACCES', "EACCES: permission denied, open 'x'"), 'permission denied'],
    [sys('EISDIR', "EISDIR: illegal operation on a directory, read 'x'"), 'is a directory'],
    [sys('EIO', 'something else'), 'something else'],
  ])('%s → %s', (err, reason) => expect(systemErrorReason(err)).toBe(reason));
});

describe('resolveSources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kit-sources-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'hello\n');
  const stdin = new PassThrough();

  it('names stdin for "-" and for no file, with its size when known, and files with theirs', async () => {
    expect((await resolveSources({ stdin, stdinSize: 9 }, [])).map((s) => [s.name, s.size])).toEqual([[STDIN_NAME, 9]]);
    const sources = await resolveSources({ stdin }, [file, '-']);
    expect(sources.map((s) => [s.name, s.size])).toEqual([[file, 6], [STDIN_NAME, undefined]]);
    expect(sources[1].open()).toBe(stdin);
  });

  it('fails on a missing file or a directory before any is read, naming the path', async () => {
    await expect(resolveSources({ stdin }, [file, join(dir, 'none')])).rejects.toMatchObject({ code: 'ENOENT', path: join(dir, 'none') });
    await expect(resolveSources({ stdin }, [dir])).rejects.toMatchObject({ code: 'EISDIR', path: dir, syscall: 'read' });
  });
});
