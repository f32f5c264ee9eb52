// lmplz-style modified Kneser–Ney against lmplz itself: on each fixture corpus our ARPA file must be
// byte-identical to what `lmplz -o N` wrote (scripts/gen-kenlm-fixtures.sh), which checks the vocabulary
// order, the n-gram sets and their order, the adjusted counts, discounts, interpolation and glibc's log10f.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiscountError, MknCounts, arpaBuffers, estimateMkn, formatArpa, writeArpa, mknDiscounts, trainMkn, EmptyTrainingDataError, CorpusError } from '../src/index.js';

const dir = join(import.meta.dirname, 'fixtures/kenlm');
const cases = [
  { name: 'brown-o3', order: 3 },
  { name: 'brown-o4', order: 4 },
  { name: 'm30k-o5', order: 5 },
  { name: 'brown-o5-fallback', order: 5, fallback: true },
];

describe('trainMkn equals lmplz', () => {
  for (const c of cases) {
    it(`${c.name}: the ARPA file is lmplz's, byte for byte`, async () => {
      const { model, fellBack } = await trainMkn(join(dir, `${c.name}.train.txt`), {
        order: c.order,
        discountFallback: c.fallback ? [0.5, 1, 1.5] : undefined,
      });
      expect(fellBack.some(Boolean)).toBe(c.fallback === true);
      const ours = formatArpa(model).split('\n');
      const theirs = readFileSync(join(dir, `${c.name}.arpa`), 'utf8').split('\n');
      expect(ours.length).toBe(theirs.length);
      // Line by line so a failure names the first n-gram that differs.
      for (let i = 0; i < ours.length; i++) if (ours[i] !== theirs[i]) expect(`${i + 1}: ${ours[i]}`).toBe(`${i + 1}: ${theirs[i]}`);
    });
  }

  it('arpaBuffers in small chunks gives the same text, every chunk ending at a line end', async () => {
    const { model } = await trainMkn(join(dir, 'm30k-o5.train.txt'), { order: 5 });
    const chunks = [...arpaBuffers(model, 4096)];
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) expect(c[c.length - 1]).toBe(10);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(readFileSync(join(dir, 'm30k-o5.arpa'), 'utf8'));
  });

  it('writeArpa with two threads writes the same file', async () => {
    const { model } = await trainMkn(join(dir, 'brown-o3.train.txt'), { order: 3 });
    const out = mkdtempSync(join(tmpdir(), 'lm-mkn-'));
    try {
      await writeArpa(model, join(out, 'two.arpa'), { threads: 2 });
      expect(readdirSync(out)).toEqual(['two.arpa']);
      expect(readFileSync(join(out, 'two.arpa'), 'utf8')).toBe(readFileSync(join(dir, 'brown-o3.arpa'), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses data whose discounts fall out of range unless a fallback is given (as lmplz)', async () => {
    const err = await trainMkn(join(dir, 'brown-o5-fallback.train.txt'), { order: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscountError);
    expect((err as DiscountError).code).toBe('DISCOUNT');
    expect((err as DiscountError).order).toBeGreaterThan(1);
  });
});

describe('mknDiscounts', () => {
  it('follows Chen & Goodman eq. 26 in float32', () => {
    // n1=10, n2=5, n3=3, n4=2: Y = 10/20 = 0.5; D1 = 1 - 2·0.5·5/10 = 0.5; D2 = 2 - 3·0.5·3/5 = 1.1; D3 = 3 - 4·0.5·2/3
    const [d1, d2, d3] = mknDiscounts(2, [0, 10, 5, 3, 2]);
    expect(d1).toBe(0.5);
    expect(d2).toBe(Math.fround(2 - Math.fround(Math.fround(Math.fround(3 * 0.5) * 3) / 5)));
    expect(d3).toBeCloseTo(3 - (4 * 0.5 * 2) / 3, 6);
  });
  it('names the order and the missing count-of-count', () => {
    expect(() => mknDiscounts(3, [0, 4, 0, 1, 1])).toThrow(/3-grams: no 3-grams with adjusted count 2/);
  });
});

describe('MknCounts', () => {
  it('counts as lmplz: raw counts at the top and after <s>, adjusted counts below', () => {
    const c = new MknCounts(2);
    c.addLine('a b');
    c.addLine('b');
    expect(c.words).toEqual(['<unk>', '<s>', '</s>', 'a', 'b']);
    // unigram adjusted counts: a ← {<s>}, b ← {a, <s>}, </s> ← {b}
    expect(Array.from(c.unigramCounts.subarray(0, 5))).toEqual([0, 0, 1, 1, 2]);
    const t = c.tables[0];
    const raw = new Map<string, number>();
    for (let e = 0; e < t.length; e++) raw.set(`${c.words[t.left[e]]} ${c.words[t.suffix[e]]}`, t.count[e]);
    expect(Object.fromEntries(raw)).toEqual({ '<s> a': 1, 'a b': 1, 'b </s>': 2, '<s> b': 1 });
  });
  it('rejects the reserved words with file and line', () => {
    const c = new MknCounts(3);
    expect(() => c.addLine('a <s> b', 'train.txt', 7)).toThrow(CorpusError);
    expect(() => c.addLine('a </s>', 'train.txt', 8)).toThrow('train.txt:8: the training text contains </s>');
  });
  it('addBytes counts as addLine on the decoded text, invalid UTF-8 and a BOM included', () => {
    // Two different invalid sequences both decode to U+FFFD: one word, as in the decoded text.
    const bytes = Buffer.concat([Buffer.from('\ufeffa b\n'), Buffer.from([0xff, 0x20, 0x61, 0x20, 0xc3, 0x0a]), Buffer.from('\tb  a\r\n\nlast')]);
    const byBytes = new MknCounts(3);
    expect(byBytes.addBytes(bytes.subarray(0, 7)) + byBytes.addBytes(bytes.subarray(7))).toBe(5);
    const byText = new MknCounts(3);
    for (const line of new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\n')) byText.addLine(line.replace(/\r$/, ''));
    expect(byBytes.words).toEqual(byText.words);
    expect(byBytes.words).toContain('\ufffd');
    expect(formatArpa(estimateMkn(byBytes, { discountFallback: [0.5, 1, 1.5] }).model)).toBe(formatArpa(estimateMkn(byText, { discountFallback: [0.5, 1, 1.5] }).model));
    expect(() => new MknCounts(2).addBytes(Buffer.from('a b\nc <s>\n'), 'train.txt', 41)).toThrow('train.txt:42: the training text contains <s>');
  });
  it('empty training data is a typed error', () => {
    expect(() => estimateMkn(new MknCounts(3))).toThrow(EmptyTrainingDataError);
  });
});
