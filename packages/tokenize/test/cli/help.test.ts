/**
 * `--help` of `tok` and of every subcommand: exit 0, printed on stdout, listing the command's own
 * options and the shared input rules (invalid UTF-8 behaviour, --lossy, exit codes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tok } from './run-tok.js';

const INPUT_OPTIONS = ['--lossy', '--no-progress', '[files...]'];
const ENCODING_OPTIONS = ['--encoding <name>', '--model <model>'];
const SPECIAL_OPTIONS = ['--allowed-special <tokens>', '--disallowed-special <tokens>'];

const COMMANDS: Record<string, readonly string[]> = {
  encode: [...ENCODING_OPTIONS, ...SPECIAL_OPTIONS, '--json'],
  decode: [...ENCODING_OPTIONS],
  count: [...ENCODING_OPTIONS, ...SPECIAL_OPTIONS, '--per-line', '--json'],
  words: ['--style <style>', '--lang <lang>', '--json', '--offsets <unit>', '--detokenize', 'whitespace, unicode, treebank, moses'],
  chars: ['--graphemes', '--json', '--offsets <unit>'],
  sentences: ['--lang <lang>', '--json', '--offsets <unit>'],
};

describe('tok --help', () => {
  it('lists every command and the exit codes', async () => {
    const r = await tok(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of Object.keys(COMMANDS)) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout).toContain('Exit status: 0 ok, 1 bad input');
  });

  it.each(Object.entries(COMMANDS))('tok %s --help lists its options and the input rules', async (name, options) => {
    const r = await tok([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: tok ${name} \\[options\\] \\[files\\.\\.\\.\\]`));
    for (const option of [...options, ...INPUT_OPTIONS, '--debug']) expect(r.stdout).toContain(option);
    expect(r.stdout).toContain('invalid bytes stop tok with an error naming the file, line and byte offset');
    expect(r.stdout).toContain('U+FFFD');
    expect(r.stdout).toContain('Exit status:');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await tok(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('is also reached as "tok help <command>"', async () => {
    const r = await tok(['help', 'count']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--per-line');
  });
});
