/**
 * `tok count`: the total is the sum over lines of tiktoken's token counts (the real package), per line
 * with --per-line, and the --json summary reports tokens, lines, bytes and the encoding.
 */
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { tok } from './run-tok.js';
import { sampleLines } from './sample-text.js';

const o200k = get_encoding('o200k_base');
const cl100k = get_encoding('cl100k_base');
afterAll(() => {
  o200k.free();
  cl100k.free();
});

describe('tok count', () => {
  const lines = sampleLines();
  const input = `${lines.join('\n')}\n`;
  const counts = lines.map((l) => cl100k.encode(l).length);
  const total = counts.reduce((a, b) => a + b, 0);

  it('prints the sum of the lines’ token counts', async () => {
    expect(await tok(['count'], input)).toEqual({ code: 0, stdout: `${total}\n`, stderr: '' });
  });

  it('prints one count per line with --per-line', async () => {
    const r = await tok(['count', '--per-line'], input);
    expect(r.stdout).toBe(`${counts.join('\n')}\n`);
  });

  it('summarises tokens, lines, UTF-8 bytes and encoding with --json', async () => {
    const r = await tok(['count', '--json', '--model', 'gpt-4o'], input);
    const o200kTotal = lines.reduce((n, l) => n + o200k.encode(l).length, 0);
    expect(JSON.parse(r.stdout)).toEqual({ tokens: o200kTotal, lines: lines.length, bytes: Buffer.byteLength(input), encoding: 'o200k_base' });
  });

  it('prints {"tokens","bytes"} per line with --per-line --json', async () => {
    const r = await tok(['count', '--per-line', '--json'], 'héllo\n\nworld\n');
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { tokens: cl100k.encode('héllo').length, bytes: 6 },
      { tokens: 0, bytes: 0 },
      { tokens: cl100k.encode('world').length, bytes: 5 },
    ]);
  });

  it('counts special-token text as tiktoken does when it is allowed', async () => {
    const text = 'a <|endoftext|> b';
    const r = await tok(['count', '--allowed-special', 'all'], `${text}\n`);
    expect(r.stdout).toBe(`${cl100k.encode(text, 'all').length}\n`);
    const refused = await tok(['count'], `${text}\n`);
    expect(refused.code).toBe(1);
  });

  it('prints 0 for empty input', async () => {
    expect((await tok(['count', '--json'], '')).stdout).toBe('{"tokens":0,"lines":0,"bytes":0,"encoding":"cl100k_base"}\n');
  });
});
