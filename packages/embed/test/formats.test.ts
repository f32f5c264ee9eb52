import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyedVectors, VectorFileError, readVectors, writeVectors } from '../src/index.js';
import { float32Text } from '../src/formats/float-text.js';
import { dropInvalidUtf8 } from '../src/formats/utf8.js';
import { gensimFixture, readJson, tempDir } from './helpers.js';

interface Small {
  words: string[];
  dim: number;
  vectors: number[][];
}
const small = readJson<Small>('small.json');
const smallFloats = Float32Array.from(small.vectors.flat());

function expectSmall(kv: KeyedVectors): void {
  expect(kv.words).toEqual(small.words);
  expect(kv.dim).toBe(8);
  expect(Array.from(kv.vectors)).toEqual(Array.from(smallFloats));
}

describe('reading files written by gensim 4.2', () => {
  it('binary (no newline after rows) gives the identical float32 values', async () => {
    expectSmall(await readVectors(gensimFixture('small.bin')));
  });
  it('text gives the identical float32 values', async () => {
    expectSmall(await readVectors(gensimFixture('small.txt')));
  });
  it('works across chunk borders with a tiny read buffer', async () => {
    expectSmall(await readVectors(gensimFixture('small.bin'), { chunkBytes: 7 }));
    expectSmall(await readVectors(gensimFixture('small.txt'), { chunkBytes: 5 }));
  });
  it('sniffs the format when the extension says nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.data'), readFileSync(gensimFixture('small.bin')));
    writeFileSync(join(dir, 'b.data'), readFileSync(gensimFixture('small.txt')));
    expectSmall(await readVectors(join(dir, 'a.data')));
    expectSmall(await readVectors(join(dir, 'b.data')));
  });
  it('limit reads the first N words, as gensim', async () => {
    for (const file of ['small.bin', 'small.txt']) {
      const kv = await readVectors(gensimFixture(file), { limit: 5 });
      expect(kv.words).toEqual(small.words.slice(0, 5));
      expect(Array.from(kv.vectors)).toEqual(Array.from(smallFloats.subarray(0, 40)));
    }
  });
});

describe('writing', () => {
  it('text output is byte-identical to gensim save_word2vec_format(binary=False)', async () => {
    const kv = new KeyedVectors(small.words, smallFloats, 8);
    const out = join(tempDir(), 'v.txt');
    await writeVectors(out, kv);
    expect(readFileSync(out).equals(readFileSync(gensimFixture('small.txt')))).toBe(true);
  });
  it('binary output is gensim\'s bytes plus word2vec C\'s "\\n" after each row', async () => {
    const kv = new KeyedVectors(small.words, smallFloats, 8);
    const out = join(tempDir(), 'v.bin');
    await writeVectors(out, kv);
    const gensim = readFileSync(gensimFixture('small.bin'));
    const header = gensim.indexOf(0x0a) + 1;
    const parts: Buffer[] = [gensim.subarray(0, header)];
    let at = header;
    for (const w of small.words) {
      const len = Buffer.byteLength(w) + 1 + 32;
      parts.push(gensim.subarray(at, at + len), Buffer.from('\n'));
      at += len;
    }
    expect(at).toBe(gensim.length);
    expect(readFileSync(out).equals(Buffer.concat(parts))).toBe(true);
  });
  it('round-trips every format, including fastText .vec with its trailing spaces', async () => {
    const kv = new KeyedVectors(small.words, smallFloats, 8);
    const dir = tempDir();
    for (const name of ['r.bin', 'r.txt', 'r.vec']) {
      await writeVectors(join(dir, name), kv);
      expectSmall(await readVectors(join(dir, name)));
    }
    const vec = readFileSync(join(dir, 'r.vec'), 'utf8').split('\n');
    expect(vec[0]).toBe('120 8');
    expect(vec[1].endsWith(' ')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('refuses words that would break the layout, leaving no file behind', async () => {
    const dir = tempDir();
    const kv = new KeyedVectors(['ok', 'two words'], new Float32Array(4), 2);
    await expect(writeVectors(join(dir, 'x.bin'), kv)).rejects.toThrow(/word #2 "two words"/);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('writes float32 text as numpy repr', () => {
    const cases: Array<[number, string]> = [
      [0.1, '0.1'], [1e-5, '1e-05'], [1.5e-5, '1.5e-05'], [100, '100.0'], [1e16, '1e+16'], [1.234e17, '1.234e+17'],
      [-0, '-0.0'], [0, '0.0'], [3, '3.0'], [0.0001, '1e-04'], [0.00012345, '0.00012345'], [123456.7, '123456.7'],
    ];
    for (const [x, text] of cases) expect(float32Text(Math.fround(x))).toBe(text);
  });
});

async function expectFileError(content: string | Buffer, name: string, where: { line?: number; byteOffset?: number }, message: RegExp, options = {}) {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  const err = await readVectors(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VectorFileError);
  const e = err as VectorFileError;
  expect(e.code).toBe('VECTOR_FILE');
  expect(e.file).toBe(path);
  expect(e.where).toEqual(where);
  expect(e.message).toMatch(message);
}

function binaryRow(word: string, values: number[], newline = true): Buffer {
  const floats = Buffer.from(new Float32Array(values).buffer);
  return Buffer.concat([Buffer.from(`${word} `), floats, Buffer.from(newline ? '\n' : '')]);
}

describe('bad files', () => {
  it('a bad header', async () => {
    await expectFileError('2 x\na 1\n', 'h.txt', { line: 1 }, /header must be/);
    await expectFileError('2\na 1\n', 'h.txt', { line: 1 }, /header must be/);
    await expectFileError('1000000 300\na 1\n', 'h.txt', { line: 1 }, /more than a file of/);
  });
  it('text: short rows, non-numeric fields, fewer or more rows than the header says', async () => {
    await expectFileError('2 3\na 1 2 3\nb 1 2\n', 's.txt', { line: 3 }, /"b" has 2 values, expected 3/);
    await expectFileError('2 3\na 1 2 3\nb 1 2 3 4\n', 's.txt', { line: 3 }, /has 4 values/);
    await expectFileError('2 2\na 1 x\nb 1 2\n', 's.txt', { line: 2 }, /value 2 of "a" is not a number: "x"/);
    await expectFileError('2 2\na 1 0x10\nb 1 2\n', 's.txt', { line: 2 }, /not a number/);
    await expectFileError('3 2\na 1 2\nb 1 2\n', 's.txt', { line: 4 }, /ends after 2 of the 3 words/);
    await expectFileError('1 2\na 1 2\nb 1 2\n', 's.txt', { line: 3 }, /more rows than the 1 words/);
  });
  it('text: limit stops before a wrong count is noticed, as gensim', async () => {
    const path = join(tempDir(), 'ok.txt');
    writeFileSync(path, '1 2\na 1 2\nb 1 2\n');
    expect((await readVectors(path, { limit: 1 })).words).toEqual(['a']);
  });
  it('binary: truncated inside a vector, inside a word, or before the count', async () => {
    const header = Buffer.from('2 2\n');
    const a = binaryRow('a', [1, 2]);
    const b = binaryRow('bb', [3, 4]);
    await expectFileError(Buffer.concat([header, a, b.subarray(0, 6)]), 't.bin', { byteOffset: 4 + a.length + 3 }, /inside the vector of word #2 "bb": 3 of its 8 bytes/);
    await expectFileError(Buffer.concat([header, a, Buffer.from('bb')]), 't.bin', { byteOffset: 4 + a.length }, /inside word #2/);
    await expectFileError(Buffer.concat([header, a]), 't.bin', { byteOffset: 4 + a.length }, /ends after 1 of the 2 words/);
    await expectFileError(Buffer.concat([Buffer.from('1 2\n'), a, b]), 't.bin', { byteOffset: 4 + a.length }, /data after the 1 words/);
    await expectFileError(Buffer.concat([header, Buffer.alloc(200_000, 0x41)]), 't.bin', { byteOffset: 4 }, /no space within 65536 bytes/);
  });
  it('binary: reads word2vec C rows (with "\\n") and gensim rows (without) alike', async () => {
    const path = join(tempDir(), 'mixed.bin');
    writeFileSync(path, Buffer.concat([Buffer.from('2 2\n'), binaryRow('a', [1, 2], false), binaryRow('b', [3, 4])]));
    const kv = await readVectors(path);
    expect(kv.words).toEqual(['a', 'b']);
    expect(Array.from(kv.vectors)).toEqual([1, 2, 3, 4]);
  });
  it('invalid UTF-8: strict throws with the place, replace and ignore read on', async () => {
    const bad = Buffer.from([0x63, 0x61, 0x66, 0xc3]); // "caf" + a cut-off "é"
    const file = Buffer.concat([Buffer.from('2 2\n'), binaryRow('ok', [1, 2]), bad, Buffer.from(' '), Buffer.from(new Float32Array([3, 4]).buffer)]);
    await expectFileError(file, 'u.bin', { byteOffset: 4 + 12 }, /invalid UTF-8 in word/);
    const path = join(tempDir(), 'u.bin');
    writeFileSync(path, file);
    expect((await readVectors(path, { unicodeErrors: 'replace' })).words).toEqual(['ok', 'caf\ufffd']);
    expect((await readVectors(path, { unicodeErrors: 'ignore' })).words).toEqual(['ok', 'caf']);
    await expectFileError(Buffer.concat([Buffer.from('1 1\n'), bad, Buffer.from(' 1\n')]), 'u.txt', { line: 2 }, /invalid UTF-8/);
  });
  it('reads word2vec C text rows ("%lf " each, a trailing space) and CRLF rows', async () => {
    const path = join(tempDir(), 'c.txt');
    writeFileSync(path, '2 3\r\nthe 0.100000 -0.200000 1e-3 \r\nof 1.000000 2.000000 3.000000 \n');
    const kv = await readVectors(path);
    expect(kv.words).toEqual(['the', 'of']);
    expect(Array.from(kv.vectors)).toEqual([0.1, -0.2, 0.001, 1, 2, 3].map(Math.fround));
  });
  it('duplicates: the first row wins, as gensim, or an error on request', async () => {
    const path = join(tempDir(), 'd.txt');
    writeFileSync(path, '3 1\na 1\nb 2\na 3\n');
    const kv = await readVectors(path);
    expect(kv.words).toEqual(['a', 'b']);
    expect(Array.from(kv.vectors)).toEqual([1, 2]);
    await expectFileError('3 1\na 1\nb 2\na 3\n', 'd.txt', { line: 4 }, /duplicate word "a" \(first as word #1\)/, { duplicates: 'error' });
  });
  it('drops maximal invalid subparts as Python\'s "ignore"', () => {
    const cases: Array<[number[], number[]]> = [
      [[0x61, 0xe2, 0x82, 0x62], [0x61, 0x62]],
      [[0xe2, 0x82, 0xac], [0xe2, 0x82, 0xac]],
      [[0xed, 0xa0, 0x80, 0x61], [0x61]],
      [[0xf0, 0x9f, 0x98, 0x80, 0xff], [0xf0, 0x9f, 0x98, 0x80]],
    ];
    for (const [input, out] of cases) expect(Array.from(dropInvalidUtf8(Uint8Array.from(input)))).toEqual(out);
  });
});
