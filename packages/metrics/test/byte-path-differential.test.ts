/**
 * BLEU on TextLines (UTF-8 bytes tokenized without decoding, src/counting/byte-spans.ts) against the
 * same lines as strings (the string path, itself checked against naive oracles and sacreBLEU in the
 * other tests): seeded random files mixing non-ASCII letters, Python-only and JS-only whitespace
 * (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000 vs U+FEFF, U+200B, U+180E),
 * the bytes around them (U+00A1, U+2010, U+3001, U+1681), 13a's rewrites, "\r", empty lines and
 * several reference files. Also the byte scanners' tokens themselves, and TextLines' splitting. (The
 * WebAssembly kernel is off here: bleu-kernel-differential.test.ts checks it against this path.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bleuStatistics, chrfStatistics, corpusBleu, corpusChrf, InvalidUtf8Error, LengthMismatchError, pySplit, TextLines } from '../src/index.js';
import { scan13aBytes, scanWhitespaceBytes, type ByteSpans } from '../src/counting/byte-spans.js';
import { ByteLineCache, ByteWordTable } from '../src/counting/byte-tables.js';
import { tokens13a } from '../src/tokenizers/tok13a.js';
import { setBleuKernel } from '../src/bleu.js';
import { files, rng } from './random-text.js';

const lines = (text: string): string[] => {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
};
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('BLEU on TextLines (byte path) equals BLEU on strings', () => {
  // the JavaScript byte path; the WebAssembly kernel that serves 13a and `none` by default has its own
  // differential test (bleu-kernel-differential.test.ts)
  beforeAll(() => setBleuKernel(false));
  afterAll(() => setBleuKernel(true));

  it('splits lines as sacreBLEU reads files, rstrips when asked, and keeps the bytes undecoded', () => {
    const t = TextLines.fromBytes(bytes('a b\u00a0\r\n\nlast \u3000'));
    expect(t.length).toBe(3);
    expect(t.toArray()).toEqual(['a b\u00a0\r', '', 'last \u3000']);
    expect(TextLines.fromBytes(bytes('a b\u00a0\r\n\nlast \u3000'), { rstrip: true }).toArray()).toEqual(['a b', '', 'last']);
    expect(TextLines.fromBytes(bytes('x\ufeff \n')).line(0)).toBe('x\ufeff ');
    expect(TextLines.fromBytes(bytes('x\ufeff \n'), { rstrip: true }).line(0)).toBe('x\ufeff'); // U+FEFF is not Python whitespace
    expect(TextLines.fromBytes(bytes('')).length).toBe(0);
    expect(TextLines.fromBytes(bytes('\n')).toArray()).toEqual(['']);
  });

  it('rejects invalid UTF-8 naming the line', () => {
    const bad = Buffer.concat([bytes('ok\nok\n'), Buffer.from([0x61, 0xc3, 0x28]), bytes('\n')]);
    expect(() => TextLines.fromBytes(bad, { name: 'hyp.txt' })).toThrow(InvalidUtf8Error);
    expect(() => TextLines.fromBytes(bad, { name: 'hyp.txt' })).toThrow('hyp.txt:3: invalid UTF-8');
  });

  it('byte scanners give the tokens of tokens13a and pySplit', () => {
    const { hyp, refs } = files(7, 400, 1);
    for (const s of [...lines(hyp), ...lines(refs[0])]) {
      const b = bytes(`#${s}#`); // a line inside a larger buffer: the scanners see only [start, end)
      const spans = (t: ByteSpans): string[] => {
        const got: string[] = [];
        for (let k = 0; k < t.count; k++) got.push(Buffer.from(t.bytes.subarray(t.spans[2 * k], t.spans[2 * k + 1])).toString('utf8'));
        return got;
      };
      expect(spans(scan13aBytes(b, 1, b.length - 1)), JSON.stringify(s)).toEqual(tokens13a(s));
      expect(spans(scanWhitespaceBytes(b, 1, b.length - 1)), JSON.stringify(s)).toEqual(pySplit(s));
    }
  });

  for (const nrefs of [1, 3]) {
    for (const tok of ['13a', 'none', 'intl', 'char']) {
      for (const lowercase of [false, true]) {
        it(`statistics and score: ${nrefs} reference file(s), tokenize ${tok}${lowercase ? ', lowercase' : ''}`, () => {
          const { hyp, refs } = files(100 + nrefs, 500, nrefs);
          const opts = { tokenize: tok, lowercase, maxNgramOrder: tok === 'char' ? 3 : 4 };
          const strings = bleuStatistics(lines(hyp), refs.map(lines), opts);
          const tl = bleuStatistics(TextLines.fromBytes(bytes(hyp)), refs.map((r) => TextLines.fromBytes(bytes(r))), opts);
          expect(tl.nrefs).toBe(strings.nrefs);
          expect(tl.tokenizedPeriods).toBe(strings.tokenizedPeriods);
          expect(Array.from(tl.stats)).toEqual(Array.from(strings.stats));
          const a = corpusBleu(lines(hyp), refs.map(lines), opts);
          const b = corpusBleu(TextLines.fromBytes(bytes(hyp)), refs.map((r) => TextLines.fromBytes(bytes(r))), opts);
          expect(b).toEqual(a);
        });
      }
    }
  }

  it('mixes TextLines and string streams, and checks line counts', () => {
    const { hyp, refs } = files(9, 120, 2);
    const want = corpusBleu(lines(hyp), refs.map(lines));
    expect(corpusBleu(TextLines.fromBytes(bytes(hyp)), [lines(refs[0]), TextLines.fromBytes(bytes(refs[1]))])).toEqual(want);
    expect(() => corpusBleu(TextLines.fromBytes(bytes(hyp)), [TextLines.fromBytes(bytes('a\nb\n'))])).toThrow(LengthMismatchError);
  });
});

describe('chrF on TextLines (byte path) equals chrF on strings', () => {
  for (const nrefs of [1, 3]) {
    for (const [C, W, whitespace, lowercase] of [
      [6, 2, false, false],
      [6, 0, true, false],
      [3, 3, false, false],
      [0, 2, false, false],
      [6, 2, false, true], // lowercasing takes the string path
    ] as const) {
      it(`${nrefs} reference file(s), charOrder ${C}, wordOrder ${W}, whitespace ${whitespace}, lowercase ${lowercase}`, () => {
        const { hyp, refs } = files(300 + nrefs + C + W, 500, nrefs);
        const opts = { charOrder: C, wordOrder: W, whitespace, lowercase };
        const strings = chrfStatistics(lines(hyp), refs.map(lines), opts);
        const tl = chrfStatistics(TextLines.fromBytes(bytes(hyp)), refs.map((r) => TextLines.fromBytes(bytes(r))), opts);
        expect(tl.nrefs).toBe(strings.nrefs);
        expect(Array.from(tl.stats)).toEqual(Array.from(strings.stats));
        const rstrip = { rstrip: true };
        expect(corpusChrf(TextLines.fromBytes(bytes(hyp), rstrip), refs.map((r) => TextLines.fromBytes(bytes(r), rstrip)), opts)).toEqual(
          corpusChrf(
            TextLines.fromBytes(bytes(hyp), rstrip).toArray(),
            refs.map((r) => TextLines.fromBytes(bytes(r), rstrip).toArray()),
            opts,
          ),
        );
      });
    }
  }

  it('words of every length and byte width, split at punctuation, match only when equal', () => {
    // words of 1-13 bytes sharing 4-byte chunks (the per-segment word ids are chains of chunks)
    const r = rng(11);
    const chars = Array.from('ab\u00e9\u4e2d\u{1f600}.('); // code points: files hold no lone surrogates
    const word = (): string => {
      let w = '';
      for (let i = 1 + Math.floor(r() * 9); i > 0; i--) w += chars[Math.floor(r() * chars.length)];
      return w;
    };
    const hyp: string[] = [];
    const ref: string[] = [];
    for (let s = 0; s < 300; s++) {
      const ws = Array.from({ length: 1 + Math.floor(r() * 12) }, word);
      hyp.push(ws.join(' '));
      // other words, or the same code points reversed (equal 4-byte chunks up to the last, permuted bytes)
      ref.push(ws.map((w) => (r() < 0.3 ? word() : r() < 0.3 ? Array.from(w).reverse().join('') : w)).join(r() < 0.5 ? ' ' : '\u3000'));
    }
    hyp.push('ab abc abcde abcdefgh abcdefghi \u00e9a a\u00e9');
    ref.push('ba acb abced abcdefhg abcdefgih a\u00e9 \u00e9a');
    const opts = { charOrder: 0, wordOrder: 3 };
    const tl = chrfStatistics(TextLines.fromBytes(bytes(hyp.join('\n'))), [TextLines.fromBytes(bytes(ref.join('\n')))], opts);
    expect(Array.from(tl.stats)).toEqual(Array.from(chrfStatistics(hyp, [ref], opts).stats));
  });

  it('mixes TextLines and string streams, and checks line counts', () => {
    const { hyp, refs } = files(19, 120, 2);
    const want = corpusChrf(lines(hyp), refs.map(lines), { wordOrder: 2 });
    expect(corpusChrf(TextLines.fromBytes(bytes(hyp)), [lines(refs[0]), TextLines.fromBytes(bytes(refs[1]))], { wordOrder: 2 })).toEqual(want);
    expect(() => corpusChrf(TextLines.fromBytes(bytes(hyp)), [TextLines.fromBytes(bytes('a\nb\n'))])).toThrow(LengthMismatchError);
  });
});

describe('byte tables', () => {
  const r = rng(5);
  // words of 1-20 bytes from a small alphabet (many near-duplicates: same prefix, same packed bytes, one byte apart)
  const words = Array.from({ length: 6000 }, () => {
    const n = 1 + Math.floor(r() * 20);
    let w = '';
    for (let i = 0; i < n; i++) w += 'ab\u00e9\u4e2dz'[Math.floor(r() * 5)];
    return w;
  });

  it('ByteWordTable: equal ids exactly for equal bytes, through growth and reset', () => {
    const table = new ByteWordTable(2, 4);
    for (let round = 0; round < 2; round++) {
      const seen = new Map<string, number>();
      for (const w of words) {
        const b = Buffer.from(`..${w}.`);
        const id = table.id(b, 2, b.length - 1);
        if (!seen.has(w)) {
          expect(id).toBe(seen.size);
          seen.set(w, id);
        } else expect(id).toBe(seen.get(w));
      }
      expect(table.size).toBe(seen.size);
      table.maybeReset(0);
      expect(table.size).toBe(0);
    }
  });

  it('ByteLineCache: hits exactly for equal lines, through growth', () => {
    const cache = new ByteLineCache(2, 4, 2);
    cache.use('test', 0);
    const lines = Array.from({ length: 3000 }, (_, i) => words.slice(i % 97, (i % 97) + (i % 13)).join(' ') + (i % 7 === 0 ? '' : 'x'.repeat(i % 40)));
    const offsets = new Map<string, number>();
    const ids = Int32Array.from({ length: 64 }, (_, i) => i * 7);
    for (const line of lines) {
      const b = Buffer.from(`\n${line}\n`);
      const dv = new DataView(b.buffer, b.byteOffset, b.length);
      const found = cache.find(b, dv, 1, b.length - 1);
      if (offsets.has(line)) expect(found).toBe(offsets.get(line));
      else {
        expect(found).toBe(-1);
        const n = line.length % 50;
        const off = cache.add(b, dv, 1, b.length - 1, ids, n);
        offsets.set(line, off);
        expect(Array.from(cache.ids.subarray(off, off + 1 + n))).toEqual([n, ...ids.subarray(0, n)]);
      }
    }
    cache.use('other', 0);
    const b = Buffer.from(lines[5]);
    expect(cache.find(b, new DataView(b.buffer, b.byteOffset, b.length), 0, b.length)).toBe(-1);
  });
});
