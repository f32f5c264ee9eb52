/**
 * `tok encode`: its ids must be the library's `Encoding.encode` and the real tiktoken's (the npm
 * package, OpenAI's Rust code compiled to wasm) for every line, in both output forms; special-token
 * text follows tiktoken's rules, with the CLI's flags in the error's advice.
 */
import { get_encoding, type Tiktoken } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { ENCODING_NAMES, getEncoding } from '../../src/index.js';
import { tok } from './run-tok.js';
import { sampleLines } from './sample-text.js';

const lines = sampleLines();
const input = `${lines.join('\n')}\n`;
const oracles = new Map<string, Tiktoken>();
function tiktoken(name: string): Tiktoken {
  let t = oracles.get(name);
  if (!t) oracles.set(name, (t = get_encoding(name as 'cl100k_base')));
  return t;
}
afterAll(() => oracles.forEach((t) => t.free()));

function outputLines(stdout: string): string[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n');
}

describe('tok encode', () => {
  it.each(['cl100k_base', 'o200k_base', 'r50k_base'] as const)('prints %s ids of each line as tiktoken does', async (name) => {
    const r = await tok(['encode', '--encoding', name], input);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const got = outputLines(r.stdout);
    expect(got).toHaveLength(lines.length);
    const enc = getEncoding(name);
    lines.forEach((line, i) => {
      const expected = [...tiktoken(name).encode(line)].join(' ');
      expect(got[i], `line ${i + 1}: ${JSON.stringify(line)}`).toBe(expected);
      expect(got[i]).toBe([...enc.encode(line)].join(' '));
    });
  });

  it('prints one JSON array per line with --json', async () => {
    const r = await tok(['encode', '--json'], input);
    expect(r.code).toBe(0);
    const got = outputLines(r.stdout).map((l) => JSON.parse(l) as number[]);
    expect(got).toEqual(lines.map((l) => [...tiktoken('cl100k_base').encode(l)]));
  });

  it('uses the encoding of --model (gpt-4o: o200k_base)', async () => {
    const r = await tok(['encode', '--model', 'gpt-4o'], 'hello world\n');
    expect(r.stdout).toBe(`${[...tiktoken('o200k_base').encode('hello world')].join(' ')}\n`);
  });

  it('reads files in order, "-" being stdin, and keeps a last line without "\\n"', async () => {
    const r = await tok(['encode', '-'], 'a\nb');
    expect(r.stdout).toBe(`${tiktoken('cl100k_base').encode('a')[0]}\n${tiktoken('cl100k_base').encode('b')[0]}\n`);
  });

  describe('special-token text', () => {
    const text = 'before <|endoftext|> after <|fim_prefix|>';

    it("is an error by default, naming the token, where it is, and the flags that allow it (exit 1)", async () => {
      const r = await tok(['encode'], `fine\n${text}\n`);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(`${[...tiktoken('cl100k_base').encode('fine')].join(' ')}\n`);
      expect(r.stderr).toMatch(/^tok: <stdin>:2: Encountered text corresponding to disallowed special token "<\|endoftext\|>" at index 7\./);
      expect(r.stderr).toContain("--allowed-special '<|endoftext|>'");
      expect(r.stderr).toContain('--disallowed-special none');
    });

    it('becomes the token ids with --allowed-special all, as tiktoken with allowed_special="all"', async () => {
      const r = await tok(['encode', '--allowed-special', 'all'], `${text}\n`);
      expect(r.stdout).toBe(`${[...tiktoken('cl100k_base').encode(text, 'all')].join(' ')}\n`);
    });

    it('allows a listed token and rejects the others', async () => {
      const listed = await tok(['encode', '--allowed-special', '<|endoftext|>,<|fim_prefix|>'], `${text}\n`);
      expect(listed.stdout).toBe(`${[...tiktoken('cl100k_base').encode(text, ['<|endoftext|>', '<|fim_prefix|>'])].join(' ')}\n`);
      const partial = await tok(['encode', '--allowed-special', '<|endoftext|>'], `${text}\n`);
      expect(partial.code).toBe(1);
      expect(partial.stderr).toContain('"<|fim_prefix|>"');
    });

    it('is ordinary text with --disallowed-special none, as tiktoken with disallowed_special=()', async () => {
      const r = await tok(['encode', '--disallowed-special', 'none'], `${text}\n`);
      expect(r.stdout).toBe(`${[...tiktoken('cl100k_base').encode(text, [], [])].join(' ')}\n`);
    });

    it('rejects an unknown token name in the flags before reading input (exit 2)', async () => {
      const r = await tok(['encode', '--allowed-special', '<|nope|>'], 'x\n');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('--allowed-special');
      expect(r.stderr).toContain('"<|nope|>"');
      expect(r.stderr).toContain('<|endoftext|>');
    });
  });

  it('lists the known encodings on an unknown one (exit 2)', async () => {
    const r = await tok(['encode', '--encoding', 'cl100k'], 'x\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tok: Unknown encoding "cl100k"; known: ${ENCODING_NAMES.join(', ')}\n`);
  });

  it('rejects --model with --encoding (exit 2)', async () => {
    const r = await tok(['encode', '--model', 'gpt-4o', '--encoding', 'gpt2'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tok: option .*--model.* cannot be used with option .*--encoding/);
  });
});
