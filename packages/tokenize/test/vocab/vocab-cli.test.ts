import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { configureVocab } from '../../src/cli/vocab.js';
import { Vocab } from '../../src/vocab/index.js';

// `tok vocab` is not registered in program.ts yet: drive its Command directly with stand-in streams.
class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
}

async function vocab(args: string[], stdin = ''): Promise<string> {
  const stdout = new Sink();
  const io: CliIo = { stdin: Readable.from([stdin]), stdout, stderr: new Sink(), stderrIsTTY: false };
  const cmd = configureVocab(new Command('vocab').exitOverride(), io);
  await cmd.parseAsync(args, { from: 'user' });
  return stdout.text;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nlpkit-vocab-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tok vocab (configureVocab)', () => {
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
    await expect(vocab(['--min-count', 'x'])).rejects.toMatchObject({ option: '--min-count' });
    await expect(vocab(['--max-size', '1'])).rejects.toMatchObject({ option: '--max-size' });
    await expect(vocab(['--specials', 'a,a'])).rejects.toMatchObject({ option: 'specials' });
    await expect(vocab(['--style', 'nope'])).rejects.toMatchObject({ code: 'UNKNOWN_NAME' });
  });
});
