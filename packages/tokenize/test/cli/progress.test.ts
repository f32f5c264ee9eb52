/**
 * The progress bar: drawn on stderr only, only for a terminal, only for big inputs of known size
 * (files, or stdin redirected from a file), never with --no-progress, and never mixed into stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes, PROGRESS_MIN_BYTES } from '../../src/cli/progress.js';
import { tok } from './run-tok.js';

const dir = mkdtempSync(join(tmpdir(), 'tok-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('progress bar', () => {
  // A file just over the threshold; decoding ids is the cheapest command per byte.
  const line = `${'15339 1917 '.repeat(50)}\n`;
  const lines = Math.ceil(PROGRESS_MIN_BYTES / line.length);
  const big = join(dir, 'big.ids');
  writeFileSync(big, line.repeat(lines));
  const expected = `${'hello world'.repeat(50)}\n`.repeat(lines);

  it('is drawn on a terminal stderr for a big file, with size, rate and ETA; stdout is untouched', async () => {
    const r = await tok(['decode', big], '', { stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stdout === expected).toBe(true);
    expect(r.stderr).toContain(`/ ${formatBytes(lines * line.length)}`);
    expect(r.stderr).toMatch(/\/s \| ETA /);
  });

  it('is drawn for stdin redirected from a big file (known size)', async () => {
    const r = await tok(['count'], 'hello\n', { stderrIsTTY: true, stdinSize: 8 * 1024 * 1024 });
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toContain('/ 8.0 MiB');
  });

  it.each([
    ['--no-progress', ['decode', '--no-progress', big], { stderrIsTTY: true }],
    ['stderr is not a terminal', ['decode', big], { stderrIsTTY: false }],
    ['the input is small', ['count'], { stderrIsTTY: true, stdinSize: PROGRESS_MIN_BYTES - 1 }],
    ['the size is unknown (a pipe)', ['count'], { stderrIsTTY: true }],
  ] as const)('is not drawn when %s', async (_why, args, io) => {
    const r = await tok(args, 'hello\n', io);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [8 * 1024 * 1024, '8.0 MiB'],
    [3 * 1024 ** 4, '3.0 TiB'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
