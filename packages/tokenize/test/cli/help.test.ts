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

const TOKENIZER_OPTION = '-t, --tokenizer <file>';

const COMMANDS: Record<string, readonly string[]> = {
  encode: [...ENCODING_OPTIONS, ...SPECIAL_OPTIONS, '--json', TOKENIZER_OPTION, '--tokens', '--offsets <unit>', '--no-special-tokens'],
  decode: [...ENCODING_OPTIONS, TOKENIZER_OPTION, '--keep-special-tokens'],
  count: [...ENCODING_OPTIONS, ...SPECIAL_OPTIONS, '--per-line', '--json', TOKENIZER_OPTION, '--no-special-tokens'],
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

  // train reads its files through the trainers: no shared input-rules paragraph, its own exit codes.
  it('tok train --help lists its options, examples and exit codes', async () => {
    expect((await tok(['--help'])).stdout).toMatch(/^  train /m);
    const r = await tok(['train', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: tok train \[options\] \[files\.\.\.\]/);
    for (const option of [
      '-m, --model <model>',
      '"bpe", "wordpiece",',
      '-n, --vocab-size <n>',
      '--byte-level',
      '--char-level',
      '--min-frequency <n>',
      '--special-tokens <list>',
      '--limit-alphabet <n>',
      '--prefix <text>',
      '--suffix <text>',
      '--threads <n>',
      '-o, --output <file>',
      '--json',
      '--lossy',
      '--no-progress',
      '--debug',
    ]) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('tok train --model bpe --vocab-size 32000 corpus.txt -o tokenizer.json');
    expect(r.stdout).toContain('Exit status: 0 ok, 1 bad input (unreadable file, invalid UTF-8, empty corpus), 2 bad usage');
    expect(r.stdout).not.toContain('invalid bytes stop tok with an error naming the file, line and byte offset');
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
