import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError, InvalidUtf8Error, trainBpe, trainSubwordNmt, trainUnigram, trainWordPiece } from '../../src/index.js';
import { firstInvalidUtf8 } from '../../src/train/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'nlpkit-train-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const good = 'the quick brown fox\njumps over the lazy dog\n';
// Line 3 holds a lone continuation byte (0x80) right after "ab": byte offset = length of lines 1-2 + 2.
const badBytes = Buffer.concat([Buffer.from(good), Buffer.from('ab'), Buffer.from([0x80]), Buffer.from('cd\nlast line\n')]);
const badOffset = Buffer.byteLength(good) + 2;

describe('training files with invalid UTF-8', () => {
  const bad = file('bad.txt', badBytes);

  it.each([
    ['trainBpe', () => trainBpe({ files: [bad] }, { vocabSize: 300, threads: 1 })],
    ['trainBpe char-level', () => trainBpe({ files: [bad] }, { byteLevel: false, vocabSize: 50, threads: 1 })],
    ['trainWordPiece', () => trainWordPiece({ files: [bad] }, { vocabSize: 80, threads: 1 })],
    ['trainUnigram', () => trainUnigram({ files: [bad] }, { vocabSize: 40, threads: 1 })],
    ['trainSubwordNmt', () => trainSubwordNmt({ files: [bad] }, { numMerges: 10, threads: 1 })],
  ])('%s throws InvalidUtf8Error naming the file, line and byte offset', async (_, train) => {
    const err = await train().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidUtf8Error);
    expect(err).toMatchObject({ code: 'INVALID_UTF8', source: bad, line: 3, byteOffset: badOffset });
    expect((err as Error).message).toContain(`${bad}:3: invalid UTF-8 at byte offset ${badOffset}`);
  });

  it('names the right line and offset deep in a file of several chunks, and in the second file', async () => {
    const line = 'lorem ipsum dolor sit amet consectetur\n';
    const lines = Math.ceil((3 << 20) / line.length); // three 1 MB chunks
    const big = Buffer.concat([Buffer.from(line.repeat(lines)), Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x0a])]); // a UTF-8 surrogate
    const path = file('big-bad.txt', big);
    const okPath = file('ok.txt', good);
    const err = await trainBpe({ files: [okPath, path] }, { vocabSize: 300, threads: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidUtf8Error);
    expect(err).toMatchObject({ source: path, line: lines + 1, byteOffset: line.length * lines + 1 });
  });

  it('a truncated sequence at the end of a file without a final newline', async () => {
    const path = file('truncated.txt', Buffer.concat([Buffer.from('abc\ndef '), Buffer.from([0xe2, 0x82])]));
    await expect(trainBpe({ files: [path] }, { vocabSize: 300, threads: 1 })).rejects.toMatchObject({ line: 2, byteOffset: 8 });
  });

  it('lossy: true replaces invalid bytes with U+FFFD and trains', async () => {
    const t = await trainBpe({ files: [bad] }, { byteLevel: false, vocabSize: 60, threads: 1, lossy: true });
    expect(Object.keys((t.json.model as { vocab: Record<string, number> }).vocab)).toContain('\uFFFD');
    // (Unigram's NMT normalization turns U+FFFD into a space, as SentencePiece does.)
    const u = await trainUnigram({ files: [bad] }, { vocabSize: 40, threads: 1, lossy: true });
    expect(u.vocabSize).toBeGreaterThan(10);
    // Byte-level: the replacement character's three bytes, not the raw 0x80.
    const b = await trainBpe({ files: [bad] }, { vocabSize: 300, threads: 1, lossy: true });
    expect(b.tokenizer.encode('ab\uFFFDcd').tokens.join('')).toBe('abï¿½cd');
  });

  it('valid files train the same with and without lossy', async () => {
    const path = file('good.txt', good.repeat(20));
    const a = await trainBpe({ files: [path] }, { vocabSize: 280, threads: 1 });
    const b = await trainBpe({ files: [path] }, { vocabSize: 280, threads: 1, lossy: true });
    expect(b.toString()).toBe(a.toString());
  });

  it('lossy must be a boolean', async () => {
    const path = file('good2.txt', good);
    await expect(trainBpe({ files: [path] }, { lossy: 'yes' as unknown as boolean })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(trainSubwordNmt({ files: [path] }, { lossy: 1 as unknown as boolean })).rejects.toMatchObject({ option: 'lossy' });
  });
});

describe('unreadable training files', () => {
  it('a missing file is an error naming it, before anything is read', async () => {
    const ok = file('ok2.txt', good);
    const missing = join(dir, 'missing.txt');
    const err = await trainBpe({ files: [ok, missing] }, { threads: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOENT', path: missing });
    expect((err as Error).message).toContain(missing);
  });

  it('a directory is an error naming it', async () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub);
    const err = await trainWordPiece({ files: [sub] }, { threads: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EISDIR', path: sub });
    expect((err as Error).message).toContain(sub);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x61, 0x80], 1],
    [[0xc0, 0xaf], 0], // overlong
    [[0x61, 0xed, 0xa0, 0x80], 1], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated
  ])('%j → %i', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});
