/**
 * `tok encode|decode|count --tokenizer tokenizer.json`: ids, tokens, offsets, decoded text and counts
 * must be what the real Rust `tokenizers` package gives for the same file; offsets in UTF-16 and
 * bytes are checked against conversions computed here from Rust's code-point offsets. Flags that
 * do not go with a tokenizer.json are bad usage (exit 2); a bad file or id is bad input (exit 1).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tokenizers from 'tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainBpe, trainUnigram, trainWordPiece } from '../../src/train/index.js';
import { tok } from './run-tok.js';
import { sampleLines } from './sample-text.js';

const dir = mkdtempSync(join(tmpdir(), 'tok-tokenizer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const trainingText = [...sampleLines(), ...readFileSync(new URL('../../../../examples/sample.txt', import.meta.url), 'utf8').split('\n')];
const FILES = { bpe: join(dir, 'bpe.json'), wordpiece: join(dir, 'wordpiece.json'), unigram: join(dir, 'unigram.json') };
beforeAll(async () => {
  await (await trainBpe(trainingText, { vocabSize: 400, specialTokens: ['<|endoftext|>'] })).save(FILES.bpe);
  await (await trainWordPiece(trainingText, { vocabSize: 400, specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] })).save(FILES.wordpiece);
  await (await trainUnigram(trainingText, { vocabSize: 300, specialTokens: ['<unk>'] })).save(FILES.unigram);
});

/** Accents, a combining mark, emoji (skin tone + ZWJ, flag), CJK, unseen scripts, spaces, a special token's text. */
const LINES = [
  'hello world',
  "Les élèves n'ont pas encore lu « Le Petit Prince ».",
  'naïve café, e\u0301 combining — “quotes”',
  'emoji 👩🏽‍💻 and 🇫🇷 flag 😀',
  '東京は日本の首都です。',
  'Ωμέγα ∑ ק 🦀',
  '  two  spaces\tand a tab ',
  '',
  'end <|endoftext|> here',
];
const input = `${LINES.join('\n')}\n`;

function rust(model: keyof typeof FILES) {
  return tokenizers.Tokenizer.fromFile(FILES[model]);
}
function outputLines(stdout: string): string[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n');
}
interface JsonLine {
  ids: number[];
  tokens: string[];
  offsets: Array<[number, number]>;
}

describe('tok encode --tokenizer', () => {
  it.each(Object.keys(FILES) as Array<keyof typeof FILES>)('%s: ids and tokens are Rust tokenizers\'', async (model) => {
    const ids = await tok(['encode', '--tokenizer', FILES[model]], input);
    const tokens = await tok(['encode', '-t', FILES[model], '--tokens'], input);
    expect(ids).toMatchObject({ code: 0, stderr: '' });
    expect(tokens).toMatchObject({ code: 0, stderr: '' });
    const [idLines, tokenLines] = [outputLines(ids.stdout), outputLines(tokens.stdout)];
    for (const [i, line] of LINES.entries()) {
      const e = await rust(model).encode(line, null);
      expect(idLines[i], line).toBe(e.getIds().join(' '));
      expect(tokenLines[i], line).toBe(e.getTokens().join(' '));
    }
  });

  it.each(Object.keys(FILES) as Array<keyof typeof FILES>)('%s: --json offsets in code points (Rust\'s), UTF-16 and bytes', async (model) => {
    const run = async (unit: string[]) => outputLines((await tok(['encode', '-t', FILES[model], '--json', ...unit], input)).stdout).map((l) => JSON.parse(l) as JsonLine);
    const [byDefault, codepoint, utf16, byte] = [await run([]), await run(['--offsets', 'codepoint']), await run(['--offsets', 'utf16']), await run(['--offsets', 'byte'])];
    expect(byDefault).toEqual(codepoint);
    for (const [i, line] of LINES.entries()) {
      const e = await rust(model).encode(line, null);
      expect(codepoint[i], line).toEqual({ ids: e.getIds(), tokens: e.getTokens(), offsets: e.getOffsets() });
      // code point index → UTF-16 index / UTF-8 byte index, through the string's prefix
      const chars = [...line];
      const prefix = (cp: number) => chars.slice(0, cp).join('');
      expect(utf16[i]!.offsets).toEqual(e.getOffsets().map(([s, t]) => [prefix(s).length, prefix(t).length]));
      expect(byte[i]!.offsets).toEqual(e.getOffsets().map(([s, t]) => [Buffer.byteLength(prefix(s)), Buffer.byteLength(prefix(t))]));
      expect(utf16[i]!.ids).toEqual(e.getIds());
    }
  });

  it('WordPiece offsets slice the line to the token, without "##"', async () => {
    const line = 'a man is walking the dog';
    const r = await tok(['encode', '-t', FILES.wordpiece, '--json', '--no-special-tokens'], `${line}\n`);
    const { tokens, offsets } = JSON.parse(r.stdout) as JsonLine;
    expect(tokens.length).toBeGreaterThan(line.split(' ').length); // some words are split into pieces
    expect(offsets.map(([s, e]) => line.slice(s, e))).toEqual(tokens.map((t) => t.replace(/^##/, '')));
  });

  it('--no-special-tokens leaves out WordPiece\'s [CLS] and [SEP]', async () => {
    const withSpecials = outputLines((await tok(['encode', '-t', FILES.wordpiece, '--tokens'], input)).stdout);
    const without = await tok(['encode', '-t', FILES.wordpiece, '--no-special-tokens'], input);
    expect(without).toMatchObject({ code: 0, stderr: '' });
    for (const [i, line] of LINES.entries()) {
      expect(withSpecials[i]!.split(' ').at(0)).toBe('[CLS]');
      expect(withSpecials[i]!.split(' ').at(-1)).toBe('[SEP]');
      const e = await rust('wordpiece').encode(line, null, { addSpecialTokens: false });
      expect(outputLines(without.stdout)[i], line).toBe(e.getIds().join(' '));
      expect(e.getTokens()).not.toContain('[CLS]');
    }
  });
});

describe('tok decode --tokenizer', () => {
  it('tok encode -t f | tok decode -t f gives the lines back for a byte-level BPE', async () => {
    const lines = sampleLines().filter((l) => !l.includes('\r')); // a CR before the LF is not part of the line
    const text = `${[...lines, ...LINES].join('\n')}\n`;
    const ids = await tok(['encode', '-t', FILES.bpe], text);
    const back = await tok(['decode', '-t', FILES.bpe, '--keep-special-tokens'], ids.stdout);
    expect(back).toEqual({ code: 0, stdout: text, stderr: '' });
    // by default the special token <|endoftext|> is left out, as Rust's decode(ids, skipSpecialTokens=true)
    expect((await tok(['decode', '-t', FILES.bpe], ids.stdout)).stdout).toBe(text.replace('<|endoftext|>', ''));
    // JSON arrays are accepted too
    const json = await tok(['encode', '-t', FILES.bpe, '--json'], text);
    const arrays = outputLines(json.stdout).map((l) => JSON.stringify((JSON.parse(l) as JsonLine).ids)).join('\n');
    expect((await tok(['decode', '-t', FILES.bpe, '--keep-special-tokens'], `${arrays}\n`)).stdout).toBe(text);
  });

  it('leaves special tokens out unless --keep-special-tokens, as Rust\'s skipSpecialTokens', async () => {
    const ids = outputLines((await tok(['encode', '-t', FILES.wordpiece], input)).stdout);
    const skipped = outputLines((await tok(['decode', '-t', FILES.wordpiece], `${ids.join('\n')}\n`)).stdout);
    const kept = outputLines((await tok(['decode', '-t', FILES.wordpiece, '--keep-special-tokens'], `${ids.join('\n')}\n`)).stdout);
    for (const [i, line] of ids.entries()) {
      const list = line.split(' ').map(Number);
      expect(skipped[i]).toBe(await rust('wordpiece').decode(list, true));
      expect(kept[i]).toBe(await rust('wordpiece').decode(list, false));
      expect(kept[i]).toMatch(/^\[CLS\].*\[SEP\]$/);
    }
    expect(skipped[0]).toBe('hello world');
  });

  // Rust's decode drops ids it does not have; tok reports them, as it does for an encoding's.
  it('an id the tokenizer does not have is an error naming it, its line and position (exit 1)', async () => {
    const size = rust('bpe').getVocabSize(true);
    const r = await tok(['decode', '-t', FILES.bpe], `72 73\n72 ${size} 73\n74\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${await rust('bpe').decode([72, 73], true)}\n`);
    expect(r.stderr).toBe(`tok: <stdin>:2: Invalid token id ${size} at position 1: ${FILES.bpe} has no token with this id\n`);
    const negative = await tok(['decode', '-t', FILES.bpe], '-1\n');
    expect(negative.code).toBe(1);
    expect(negative.stderr).toContain('Invalid token id -1 at position 0');
  });
});

describe('tok count --tokenizer', () => {
  it('counts each line as tok encode does, with and without special tokens', async () => {
    const perLine = await Promise.all(LINES.map(async (l) => (await rust('wordpiece').encode(l, null)).getIds().length));
    const total = perLine.reduce((a, b) => a + b, 0);
    expect(await tok(['count', '-t', FILES.wordpiece], input)).toEqual({ code: 0, stdout: `${total}\n`, stderr: '' });
    expect((await tok(['count', '-t', FILES.wordpiece, '--per-line'], input)).stdout).toBe(`${perLine.join('\n')}\n`);
    // [CLS] and [SEP] on every line
    expect((await tok(['count', '-t', FILES.wordpiece, '--no-special-tokens'], input)).stdout).toBe(`${total - 2 * LINES.length}\n`);
    const json = JSON.parse((await tok(['count', '-t', FILES.wordpiece, '--json'], input)).stdout) as Record<string, unknown>;
    expect(json).toEqual({ tokens: total, lines: LINES.length, bytes: Buffer.byteLength(input), encoding: FILES.wordpiece });
  });
});

describe('--tokenizer errors', () => {
  it.each([
    ['encode', '--encoding', 'cl100k_base'],
    ['decode', '--encoding', 'cl100k_base'],
    ['count', '--model', 'gpt-4o'],
    ['encode', '--model', 'gpt-4o'],
  ])('tok %s --tokenizer f %s %s is bad usage (exit 2)', async (command, flag, value) => {
    const r = await tok([command, '--tokenizer', FILES.bpe, flag, value], '1\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^tok: option '-t, --tokenizer <file>' cannot be used with option '.*${flag} `));
  });

  it.each([
    ['encode', '--allowed-special', 'all'],
    ['encode', '--disallowed-special', 'none'],
    ['count', '--allowed-special', 'all'],
  ])('tok %s --tokenizer f %s %s is bad usage (exit 2)', async (command, flag, value) => {
    const r = await tok([command, '-t', FILES.bpe, flag, value], 'x\n');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `tok: Invalid option ${flag}: "${value}"; expected no value with --tokenizer (a tokenizer.json matches its added tokens itself)\n`,
    });
  });

  // Without --tokenizer these would be silently ignored.
  it.each([
    ['encode', '--tokens'],
    ['encode', '--offsets', 'byte'],
    ['encode', '--no-special-tokens'],
    ['count', '--no-special-tokens'],
    ['decode', '--keep-special-tokens'],
  ])('tok %s %s without --tokenizer is bad usage (exit 2)', async (command, ...flags) => {
    const r = await tok([command, ...flags], '1\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^tok: Invalid option ${flags[0]}: .*; expected only together with --tokenizer <file>\\n$`));
  });

  it('decode has no --no-special-tokens (it adds none)', async () => {
    const r = await tok(['decode', '-t', FILES.bpe, '--no-special-tokens'], '1\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-special-tokens'");
  });

  const bad = (name: string, edit: (json: Record<string, any>) => unknown): string => {
    const json = JSON.parse(readFileSync(FILES.bpe, 'utf8')) as Record<string, any>;
    edit(json);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };

  it.each(['encode', 'decode', 'count'])('tok %s: a malformed tokenizer.json is bad input (exit 1) naming the file and JSON path', async (command) => {
    const merges = bad('bad-merge.json', (j) => (j.model.merges[3] = 42));
    expect(await tok([command, '-t', merges], '1\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: `tok: ${merges}: $.model.merges[3]: expected a pair of strings ["left", "right"], got number 42\n`,
    });
    const type = bad('bad-type.json', (j) => (j.model.type = 'Nope'));
    const r = await tok([command, '-t', type], '1\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^tok: ${type}: \\$\\.model\\.type: unsupported model "Nope"`));
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(FILES.bpe, 'utf8').slice(0, 100));
    expect((await tok([command, '-t', truncated], '1\n')).stderr).toMatch(new RegExp(`^tok: ${truncated}: \\$: not valid JSON`));
    const missing = join(dir, 'missing.json');
    expect(await tok([command, '-t', missing], '1\n')).toEqual({ code: 1, stdout: '', stderr: `tok: cannot read ${missing}: no such file or directory\n` });
  });
});
