/**
 * `tok decode`: the inverse of `tok encode` (round trip on real and tricky lines, both output forms),
 * text as tiktoken's decode gives it (bytes, then UTF-8 with U+FFFD), and errors that name the bad id,
 * its line and position.
 */
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { tok } from './run-tok.js';
import { sampleLines } from './sample-text.js';

const cl100k = get_encoding('cl100k_base');
afterAll(() => cl100k.free());

describe('tok decode', () => {
  const lines = sampleLines();

  it.each([[[] as string[]], [['--json']]])('reverses tok encode %j line for line', async (flags) => {
    const input = `${lines.join('\n')}\n`;
    const encoded = await tok(['encode', ...flags], input);
    const decoded = await tok(['decode'], encoded.stdout);
    expect(decoded).toEqual({ code: 0, stdout: input, stderr: '' });
  });

  it('accepts ids separated by spaces, tabs, commas, inside [ ] or not, and keeps empty lines', async () => {
    const ids = [...cl100k.encode('hello world')];
    const r = await tok(['decode'], `${ids.join(' ')}\n[${ids.join(', ')}]\n\n ${ids.join(',\t')} \r\n[]\n`);
    expect(r).toEqual({ code: 0, stdout: 'hello world\nhello world\n\nhello world\n\n', stderr: '' });
  });

  it("prints what tiktoken's decode gives for ids that split a character (U+FFFD)", async () => {
    const ids = [...cl100k.encode('😀')];
    expect(ids.length).toBeGreaterThan(1); // the emoji takes several byte-level tokens
    const first = ids.slice(0, 1);
    const r = await tok(['decode'], `${first.join(' ')}\n`);
    expect(r.stdout).toBe(`${new TextDecoder().decode(cl100k.decode(Uint32Array.from(first)))}\n`);
    expect(r.stdout).toContain('\uFFFD');
  });

  it('decodes special token ids to their text', async () => {
    const r = await tok(['decode'], `${cl100k.encode('<|endoftext|>', 'all')[0]}\n`);
    expect(r.stdout).toBe('<|endoftext|>\n');
  });

  it.each([
    ['100277', 100277, 0],
    ['15339 -1', -1, 1],
    ['15339 1917 99999999', 99999999, 2],
  ])('names an out-of-range id, its line and position: %s (exit 1)', async (line, id, position) => {
    const r = await tok(['decode'], `15339\n${line}\n15339\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('hello\n'); // lines before the bad one are printed
    expect(r.stderr).toBe(`tok: <stdin>:2: Invalid token id ${id} at position ${position}: cl100k_base has no token with this id\n`);
  });

  it('checks ids against the chosen encoding (gpt2 has 50257)', async () => {
    const r = await tok(['decode', '--encoding', 'gpt2'], '50257\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid token id 50257 at position 0: gpt2');
  });

  it.each([
    ['15339 hello', 'column 7, found "hello"'],
    ['1.5', 'column 1, found "1.5"'],
    ['[1, 2', 'expected "]"'],
    ['[1] 2', 'column 5, found "2"'],
  ])('rejects text that is not ids: %j (exit 1)', async (line, detail) => {
    const r = await tok(['decode'], `${line}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tok: <stdin>:1: /);
    expect(r.stderr).toContain(detail);
  });
});
