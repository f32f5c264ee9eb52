/**
 * `readLineBatches` against simple references: the lines of an input are `split('\n')` of its text
 * (minus the empty piece after a final "\n"), however the bytes are cut into chunks; invalid UTF-8 is
 * located as Node's own validator (`isUtf8`) sees it, and `--lossy` decodes as WHATWG `TextDecoder`.
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { InvalidUtf8Error, ParseError } from '../../src/errors.js';
import { firstInvalidUtf8, readLineBatches, type ReadLinesOptions } from '../../src/cli/read-lines.js';

async function* chunksOf(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    yield bytes.subarray(start, cut);
    start = cut;
  }
  if (start < bytes.length) yield bytes.subarray(start);
}

async function linesOf(chunks: AsyncIterable<Uint8Array>, options: Partial<ReadLinesOptions> = {}): Promise<{ lines: string[]; bytes: number; firstLines: number[] }> {
  const lines: string[] = [];
  const firstLines: number[] = [];
  let bytes = 0;
  for await (const batch of readLineBatches(chunks, { source: 'in.txt', lossy: false, ...options })) {
    firstLines.push(batch.firstLine);
    expect(batch.firstLine).toBe(lines.length + 1);
    lines.push(...batch.lines);
    bytes += batch.bytes;
  }
  return { lines, bytes, firstLines };
}

/** The reference: the text's lines, a final "\n" ending the last line rather than starting an empty one. */
function expectedLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('readLineBatches', () => {
  it.each([
    ['', []],
    ['\n', ['']],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\n\nb', ['a', '', 'b']],
    ['crlf\r\nkept\r\n', ['crlf\r', 'kept\r']],
    ['\uFEFFbom stays\n', ['\uFEFFbom stays']],
  ])('splits %j into %j', async (text, lines) => {
    const bytes = Buffer.from(text, 'utf8');
    const got = await linesOf(chunksOf(bytes, []));
    expect(got.lines).toEqual(lines);
    expect(got.bytes).toBe(bytes.length);
  });

  it('gives the same lines however the input is cut into chunks', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r', ' ', '\u0301'), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(200), { maxLength: 12 }), async (s, cuts) => {
        const bytes = Buffer.from(s, 'utf8');
        const got = await linesOf(chunksOf(bytes, cuts));
        expect(got.lines).toEqual(expectedLines(s));
        expect(got.bytes).toBe(bytes.length);
      }),
    );
  });

  it('joins a line spread over many chunks once, not once per chunk (no quadratic copying)', async () => {
    // 4 MB in 8,000 pieces without a newline; re-joining the pending bytes at every chunk would copy 16 GB.
    const piece = Buffer.alloc(512, 'x');
    async function* many(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 8000; i++) yield piece;
      yield Buffer.from('\ntail');
    }
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const got = await linesOf(many());
      expect(got.lines.map((l) => l.length)).toEqual([512 * 8000, 4]);
      expect(concat.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      concat.mockRestore();
    }
  });

  it('rejects a line longer than maxLineBytes, naming the line, before holding more of it', async () => {
    const input = Buffer.from('ok\n' + 'y'.repeat(100) + '\nz\n');
    const err = await errorOf(linesOf(chunksOf(input, [10, 20, 30, 40]), { maxLineBytes: 50 }));
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ source: 'in.txt', line: 2, code: 'PARSE_ERROR' });
  });

  it('names source, line and byte offset of the first invalid UTF-8 byte', async () => {
    // line 1 "ok", line 2 "é" then a truncated 3-byte sequence E2 82 and "A"
    const input = Buffer.from([0x6f, 0x6b, 0x0a, 0xc3, 0xa9, 0xe2, 0x82, 0x41, 0x0a, 0x7a]);
    for (const cuts of [[], [1], [4], [6], [7, 8]]) {
      const err = await errorOf(linesOf(chunksOf(input, cuts)));
      expect(err).toBeInstanceOf(InvalidUtf8Error);
      expect(err).toMatchObject({ source: 'in.txt', line: 2, byteOffset: 5, code: 'INVALID_UTF8' });
    }
  });

  it('hands out the lines before an invalid one, even from the same chunk, then fails', async () => {
    const input = Buffer.concat([Buffer.from('a\nbb\n'), Buffer.from([0x63, 0xc3, 0x0a]), Buffer.from('d\n')]);
    const seen: string[] = [];
    const err = await errorOf(
      (async () => {
        for await (const batch of readLineBatches(chunksOf(input, []), { source: '<stdin>', lossy: false })) seen.push(...batch.lines);
      })(),
    );
    expect(seen).toEqual(['a', 'bb']);
    expect(err).toMatchObject({ source: '<stdin>', line: 3, byteOffset: 6 });
  });

  it('counts lines and bytes before an invalid byte in a later chunk', async () => {
    const input = Buffer.concat([Buffer.from('a\nbb\nccc\n'), Buffer.from([0x64, 0xff, 0x0a])]);
    const err = await errorOf(linesOf(chunksOf(input, [3, 9])));
    expect(err).toMatchObject({ line: 4, byteOffset: 10 });
  });

  it('with lossy, decodes each line as TextDecoder does (U+FFFD per maximal invalid subpart)', async () => {
    const bytesArb = fc.array(fc.constantFrom(0x0a, 0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xed, 0xa0, 0x80), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.array(fc.nat(50), { maxLength: 6 }), async (arr, cuts) => {
        const bytes = Uint8Array.from(arr);
        const got = await linesOf(chunksOf(bytes, cuts), { lossy: true });
        expect(got.lines).toEqual(expectedLines(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
      }),
    );
  });
});

describe('firstInvalidUtf8', () => {
  it('finds where the longest valid prefix ends, as isUtf8 judges it', () => {
    const bytesArb = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xf0, 0x90, 0xf4, 0x8f, 0x80, 0xbf)),
      { maxLength: 24 },
    );
    fc.assert(
      fc.property(bytesArb, (arr) => {
        const bytes = Uint8Array.from(arr);
        const bad = firstInvalidUtf8(bytes);
        if (bad < 0) {
          expect(isUtf8(bytes)).toBe(true);
          return;
        }
        expect(isUtf8(bytes.subarray(0, bad))).toBe(true);
        // No character (1 to 4 bytes) can start at `bad`.
        for (let len = 1; len <= 4 && bad + len <= bytes.length; len++) expect(isUtf8(bytes.subarray(0, bad + len))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
