/**
 * `tok vocab` as registered in the `tok` program: stdin and files, -o and --json, --style, and option
 * errors reported before any input is read (exit 2, the option named).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vocab } from '../../src/vocab/index.js';
import { tok } from '../cli/run-tok.js';

/** Runs `tok vocab args` on `stdin`, expecting success; its stdout. */
async function vocab(args: string[], stdin = ''): Promise<string> {
  const r = await tok(['vocab', ...args], stdin);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nlpkit-vocab-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tok vocab', () => {
  it('counts whitespace tokens from stdin and prints the text format', async () => {
    const out = await vocab(['--specials', '<unk>'], 'b a a\nc  a\tb\n');
    expect(out).toBe('<unk>\t0\na\t3\nb\t2\nc\t1\n');
  });

  it('applies --min-count, --max-size and --specials ""', async () => {
    expect(await vocab(['--min-count', '2', '--specials', ''], 'b a a\nc a b\n')).toBe('a\t3\nb\t2\n');
    expect(await vocab(['--max-size', '5'], 'b a\n')).toBe('<unk>\t0\n<pad>\t0\n<bos>\t0\n<eos>\t0\nb\t1\n');
  });

  it('reads files and writes -o FILE, JSON with --json', async () => {
    const input = join(dir, 'in.txt');
    await writeFile(input, 'x y x\n');
    expect(await vocab([input, '-o', join(dir, 'v.txt')])).toBe('');
    expect((await Vocab.load(join(dir, 'v.txt'))).tokens).toEqual(['<unk>', '<pad>', '<bos>', '<eos>', 'x', 'y']);
    await vocab([input, '--json', '-o', join(dir, 'v.out')]);
    expect(JSON.parse(await readFile(join(dir, 'v.out'), 'utf8'))).toMatchObject({ tokens: ['<unk>', '<pad>', '<bos>', '<eos>', 'x', 'y'] });
    expect(JSON.parse(await vocab([input, '--json']))).toMatchObject({ format: 'nlpkit-vocab', counts: [0, 0, 0, 0, 2, 1] });
  });

  it('uses --style like tok words', async () => {
    expect(await vocab(['--style', 'unicode', '--specials', ''], 'hi, hi!\n')).toBe('hi\t2\n,\t1\n!\t1\n');
  });

  it('rejects bad option values before reading input', async () => {
    for (const [args, message] of [
      [['--min-count', 'x'], /^tok: Invalid option --min-count: "x"/],
      [['--max-size', '1'], /^tok: Invalid option --max-size: 1/],
      [['--specials', 'a,a'], /^tok: Invalid option --specials: \["a","a"\]/],
      [['--style', 'nope'], /^tok: Unknown word style "nope"/],
    ] as const) {
      const r = await tok(['vocab', ...args], 'never read\n');
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
