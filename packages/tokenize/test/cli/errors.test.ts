/**
 * How `tok` fails: which exit code (2 bad usage, 1 bad input), the one-line `tok: <message>` on stderr
 * naming what and where, nothing half-done on stdout for errors found before reading, and the stack
 * trace only with --debug. Files: order, "-" for stdin, missing files, directories, invalid UTF-8.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { tok } from './run-tok.js';

const dir = mkdtempSync(join(tmpdir(), 'tok-errors-'));
const cl100k = get_encoding('cl100k_base');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  cl100k.free();
});
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const ids = (text: string) => [...cl100k.encode(text)].join(' ');

describe('tok input files', () => {
  it('reads files in order, with "-" as stdin between them', async () => {
    const a = file('a.txt', 'from a\n');
    const b = file('b.txt', 'from b'); // no final newline: still a line
    const r = await tok(['encode', a, '-', b], 'from stdin\n');
    expect(r).toEqual({ code: 0, stdout: `${ids('from a')}\n${ids('from stdin')}\n${ids('from b')}\n`, stderr: '' });
  });

  it('fails on a missing file before printing anything (exit 1)', async () => {
    const a = file('present.txt', 'x\n');
    const missing = join(dir, 'missing.txt');
    const r = await tok(['count', '--per-line', a, missing]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `tok: cannot read ${missing}: no such file or directory\n` });
  });

  it('fails on a directory (exit 1)', async () => {
    const r = await tok(['encode', dir]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `tok: cannot read ${dir}: is a directory\n` });
  });
});

describe('invalid UTF-8', () => {
  // line 2 holds "b", a lone continuation byte, "c"
  const bytes = Buffer.from([0x61, 0x0a, 0x62, 0x80, 0x63, 0x0a, 0x64, 0x0a]);

  it('is an error naming the file, line and byte offset; earlier lines are printed (exit 1)', async () => {
    const path = file('bad.txt', bytes);
    const r = await tok(['encode', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${ids('a')}\n`);
    expect(r.stderr).toBe(`tok: ${path}:2: invalid UTF-8 at byte offset 3 (pass --lossy to replace invalid bytes with U+FFFD)\n`);
  });

  it('names <stdin> when it comes from stdin', async () => {
    const r = await tok(['count'], bytes);
    expect(r.stderr).toMatch(/^tok: <stdin>:2: invalid UTF-8 at byte offset 3 /);
  });

  it('becomes U+FFFD with --lossy, and the line is encoded as that text', async () => {
    const r = await tok(['encode', '--lossy'], bytes);
    expect(r).toEqual({ code: 0, stdout: `${ids('a')}\n${ids('b\uFFFDc')}\n${ids('d')}\n`, stderr: '' });
  });
});

describe('usage errors (exit 2)', () => {
  it.each([
    [['encode', '--bogus'], "tok: unknown option '--bogus'"],
    [['frobnicate'], "tok: unknown command 'frobnicate'"],
    [['encode', '--encoding'], "tok: option '-e, --encoding <name>' argument missing"],
    [['words', '--offsets', 'chars'], "tok: option '--offsets <unit>' argument 'chars' is invalid"],
  ])('%j', async (args, message) => {
    const r = await tok(args, 'x\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr).toContain('(add --help for usage)');
  });

  it('prints the help on stderr when no command is given', async () => {
    const r = await tok([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: tok [options] [command]');
    expect(r.stdout).toBe('');
  });

  it('lists the known models on an unknown --model', async () => {
    const r = await tok(['count', '--model', 'gpt-17'], 'x\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tok: Unknown model "gpt-17"; known: .*gpt-4o/);
  });
});

describe('--debug', () => {
  it('adds the stack trace; without it the error is one line', async () => {
    const plain = await tok(['encode', '--encoding', 'nope'], '');
    expect(plain.stderr.split('\n')).toHaveLength(2);
    const debug = await tok(['encode', '--encoding', 'nope', '--debug'], '');
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^tok: Unknown encoding "nope"[^\n]*\nUnknownNameError: Unknown encoding[^\n]*\n\s+at /);
  });
});
