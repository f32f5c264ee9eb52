import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, ParseError } from '../../src/errors.js';
import { Vocab, writeFileAtomic } from '../../src/vocab/index.js';
import { thrown } from '../thrown.js';

const tricky = [['naïve', '日本語', 'a b', 'a b', '😀', 'x\u0301'], ['"quoted"', '\\back', 'a b', '😀']];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nlpkit-vocab-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('text format', () => {
  it('writes one token<TAB>count per line, in id order', () => {
    const v = Vocab.build([['b', 'a', 'a']], { specials: ['<unk>'] });
    expect(v.toText()).toBe('<unk>\t0\na\t2\nb\t1\n');
  });

  it('round-trips unicode tokens and tokens with spaces, ids and counts included', () => {
    const v = Vocab.build(tricky);
    const back = Vocab.fromText(v.toText());
    expect(back.tokens).toEqual(v.tokens);
    expect(back.specials).toEqual(v.specials);
    expect(back.tokens.map((t) => back.countOf(t))).toEqual(v.tokens.map((t) => v.countOf(t)));
    expect(back.idOf('a b')).toBe(v.idOf('a b'));
    expect(back.unkId).toBe(0);
  });

  it('refuses to write a token with a tab or newline, pointing to JSON', () => {
    for (const t of ['a\tb', 'a\nb', 'a\rb', 'a\ud800b']) {
      const v = Vocab.build([[t]], { specials: [] });
      const e = thrown(() => v.toText());
      expect(e).toBeInstanceOf(InvalidOptionError);
      expect((e as Error).message).toMatch(/JSON/);
      expect(Vocab.fromJSON(JSON.stringify(v.toJSON())).tokens).toEqual([t]);
    }
  });

  it('reads CRLF lines and a missing final newline', () => {
    expect(Vocab.fromText('<unk>\t0\r\na\t3\r\nb\t1').tokens).toEqual(['<unk>', 'a', 'b']);
  });

  it('finds the leading well-known specials, or takes them from the options', () => {
    expect(Vocab.fromText('<unk>\t0\n<pad>\t0\na\t3\n<eos>\t1\n').specials).toEqual(['<unk>', '<pad>']);
    expect(Vocab.fromText('<s>\t0\na\t3\n', 'f', { specials: ['<s>'] }).specials).toEqual(['<s>']);
    const e = thrown(() => Vocab.fromText('a\t3\n<s>\t0\n', 'f.txt', { specials: ['<s>'] }));
    expect(e).toBeInstanceOf(ParseError);
    expect(e).toMatchObject({ source: 'f.txt', line: 1 });
  });

  it.each([
    ['no tab', 'a\t1\nb 2\n', 2],
    ['two tabs', 'a\t1\nb\t2\t3\n', 2],
    ['empty token', 'a\t1\n\t2\n', 2],
    ['blank line', 'a\t1\n\nb\t2\n', 2],
    ['negative count', 'a\t1\nb\t2\nc\t-1\n', 3],
    ['non-integer count', 'a\t1.5\n', 1],
    ['missing count', 'a\t\n', 1],
    ['repeated token', 'a\t1\nb\t1\na\t1\n', 3],
  ])('rejects a malformed file (%s) with a ParseError naming source and line', (_name, text, line) => {
    const e = thrown(() => Vocab.fromText(text, 'vocab.txt'));
    expect(e).toBeInstanceOf(ParseError);
    expect(e).toMatchObject({ code: 'PARSE_ERROR', source: 'vocab.txt', line });
    expect((e as Error).message).toMatch(new RegExp(`^vocab\\.txt:${line}`));
  });
});

describe('JSON format', () => {
  it('round-trips through toJSON/fromJSON and JSON.stringify', () => {
    const v = Vocab.build(tricky, { specials: ['<pad>', '<unk>'] });
    const j = v.toJSON();
    expect(j).toMatchObject({ format: 'nlpkit-vocab', version: 1, specials: ['<pad>', '<unk>'] });
    for (const back of [Vocab.fromJSON(j), Vocab.fromJSON(JSON.stringify(v))]) {
      expect(back.tokens).toEqual(v.tokens);
      expect(back.specials).toEqual(v.specials);
      expect(back.unkId).toBe(1);
      expect(back.countOf('a b')).toBe(3);
    }
  });

  it('rejects malformed JSON with a ParseError naming the field', () => {
    const good = Vocab.build([['a', 'b']], { specials: ['<unk>'] }).toJSON();
    const cases: [unknown, string | undefined][] = [
      ['{not json', undefined],
      [{ ...good, format: 'other' }, 'format'],
      [{ ...good, version: 2 }, 'version'],
      [{ ...good, counts: [0, 1] }, 'counts'],
      [{ ...good, counts: [0, -1, 1] }, 'counts[1]'],
      [{ ...good, tokens: ['<unk>', 'a', 'a'] }, 'tokens[2]'],
      [{ ...good, tokens: ['<unk>', 'a', 7] }, 'tokens[2]'],
      [{ ...good, specials: ['a'] }, 'specials[0]'],
      [[1, 2], undefined],
    ];
    for (const [input, field] of cases) {
      const e = thrown(() => Vocab.fromJSON((typeof input === 'string' ? input : JSON.stringify(input)), 'v.json'));
      expect(e).toBeInstanceOf(ParseError);
      expect(e).toMatchObject({ source: 'v.json', line: 1, field });
    }
  });
});

describe('save and load', () => {
  const v = Vocab.build(tricky, { specials: ['<unk>', '<pad>'] });

  it('picks the format by extension, or as told', async () => {
    await v.save(join(dir, 'v.txt'));
    await v.save(join(dir, 'v.json'));
    await v.save(join(dir, 'v.vocab'), { format: 'json' });
    expect(await readFile(join(dir, 'v.txt'), 'utf8')).toBe(v.toText());
    expect(JSON.parse(await readFile(join(dir, 'v.json'), 'utf8'))).toEqual(v.toJSON());
    for (const [name, format] of [['v.txt', undefined], ['v.json', undefined], ['v.vocab', 'json']] as const) {
      const back = await Vocab.load(join(dir, name), format ? { format } : {});
      expect(back.tokens).toEqual(v.tokens);
      expect(back.specials).toEqual(v.specials);
    }
  });

  it('names the file and line when loading a malformed file', async () => {
    const path = join(dir, 'bad.txt');
    await writeFile(path, 'a\t1\nb\tx\n');
    await expect(Vocab.load(path)).rejects.toMatchObject({ name: 'ParseError', source: path, line: 2, field: 'count' });
  });

  it('replaces an existing file and leaves no temporary file behind', async () => {
    const path = join(dir, 'replace.txt');
    await writeFile(path, 'old');
    await v.save(path);
    expect(await readFile(path, 'utf8')).toBe(v.toText());
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file when the write fails (missing directory)', async () => {
    const path = join(dir, 'missing', 'v.txt');
    await expect(v.save(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readdir(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves the old file and no temporary file when serializing fails', async () => {
    const path = join(dir, 'keep.txt');
    await writeFile(path, 'old');
    const bad = Vocab.build([['a\tb']], { specials: [] });
    await expect(bad.save(path)).rejects.toBeInstanceOf(InvalidOptionError);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writeFileAtomic cleans up its temporary file when the rename fails', async () => {
    const target = join(dir, 'a-directory');
    await mkdir(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toBeDefined();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
