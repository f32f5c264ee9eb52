// ARPA reading and writing: round trips (plain and gzip), KenLM's vocabulary rules, and malformed files
// as `ArpaFormatError`s that name the line and the reason.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ArpaFormatError, OrderError, formatArpa, formatDouble, formatFloat32, parseArpa, readArpa, writeArpa } from '../src/index.js';

const fixture = join(import.meta.dirname, 'fixtures/kenlm/brown-o4.arpa');

const SMALL = `\\data\\
ngram 1=5
ngram 2=3

\\1-grams:
-1.0\t<unk>\t0
0\t<s>\t-0.5
-0.7\t</s>
-0.5\ta\t-0.25
-0.6\tb\t-0.1

\\2-grams:
-0.2\t<s> a
-0.3\ta b
-0.4\tb </s>

\\end\\
`;

describe('round trips', () => {
  it('lmplz output reads and writes back byte for byte, also through gzip', async () => {
    const text = readFileSync(fixture, 'utf8');
    const model = await readArpa(fixture);
    expect(model.order).toBe(4);
    expect(formatArpa(model)).toBe(text);
    const dir = mkdtempSync(join(tmpdir(), 'lm-arpa-'));
    await writeArpa(model, join(dir, 'm.arpa.gz'));
    const back = await readArpa(join(dir, 'm.arpa.gz'));
    expect(back.counts).toEqual(model.counts);
    expect(formatArpa(back)).toBe(text);
    writeFileSync(join(dir, 'named-plain.gz'), gzipSync(text));
    expect(formatArpa(await readArpa(join(dir, 'named-plain.gz')))).toBe(text);
  });

  it('scores with backoff: p(b | <s>) = bo(<s>) + p(b); ids as KenLM (<unk> 0, then file order)', () => {
    const m = parseArpa(SMALL);
    expect([m.index('<s>'), m.index('</s>'), m.index('a'), m.index('zzz')]).toEqual([1, 2, 3, 0]);
    expect(m.logProb('a', ['<s>'])).toBe(Math.fround(-0.2));
    expect(m.logProb('b', ['<s>'])).toBe(Math.fround(Math.fround(-0.6) + Math.fround(-0.5)));
    expect(m.logProb('zzz', ['a'])).toBe(Math.fround(Math.fround(-1) + Math.fround(-0.25)));
    expect(m.ngramWords(2, 1)).toEqual(['a', 'b']);
    expect(() => m.ngramWords(0, 0)).toThrow(OrderError);
    expect(() => m.ngramWords(3, 0)).toThrow(OrderError);
  });

  it('adds <unk> with log10 p = -100 when the file lacks it (KenLM)', () => {
    const m = parseArpa(SMALL.replace('ngram 1=5', 'ngram 1=4').replace('-1.0\t<unk>\t0\n', ''));
    expect(m.index('zzz')).toBe(0);
    expect(m.logProb('zzz')).toBe(-100);
  });
});

describe('malformed ARPA', () => {
  const cases: Array<{ what: string; text: string; line: number; reason: RegExp }> = [
    { what: 'no \\data\\', text: 'hello\n', line: 1, reason: /expected the \\data\\ header/ },
    { what: 'empty file', text: '', line: 1, reason: /no \\data\\ header/ },
    { what: 'bad count line', text: SMALL.replace('ngram 2=3', 'ngram two=3'), line: 3, reason: /bad header line/ },
    { what: 'orders not consecutive', text: SMALL.replace('ngram 2=3', 'ngram 3=3'), line: 3, reason: /consecutive/ },
    { what: 'fewer entries than the header', text: SMALL.replace('ngram 2=3', 'ngram 2=4'), line: 16, reason: /ngram 2=4 but the 2-grams section has 3/ },
    { what: 'more entries than the header', text: SMALL.replace('ngram 1=5', 'ngram 1=4'), line: 10, reason: /more 1-grams than the header's ngram 1=4/ },
    { what: 'non-numeric probability', text: SMALL.replace('-0.3\ta b', 'x0.3\ta b'), line: 14, reason: /log10 probability "x0.3" is not a number/ },
    { what: 'non-numeric backoff', text: SMALL.replace('-0.25', 'abc'), line: 9, reason: /backoff "abc" is not a number/ },
    { what: 'too many words', text: SMALL.replace('-0.3\ta b', '-0.3\ta b a b'), line: 14, reason: /a 2-gram line needs .* found 5 fields/ },
    { what: 'too few words', text: SMALL.replace('-0.3\ta b', '-0.3\ta'), line: 14, reason: /found 2 fields/ },
    { what: 'missing \\end\\', text: SMALL.replace('\\end\\\n', ''), line: 17, reason: /missing \\end\\/ },
    { what: 'word not in the unigrams', text: SMALL.replace('-0.3\ta b', '-0.3\ta c'), line: 14, reason: /word "c" of this 2-gram is not in the unigrams/ },
    { what: 'wrong section header', text: SMALL.replace('\\2-grams:', '\\3-grams:'), line: 12, reason: /expected the section header \\2-grams:/ },
    { what: 'backoff on the highest order', text: SMALL.replace('-0.3\ta b', '-0.3\ta b\t-0.1'), line: 14, reason: /non-zero backoff/ },
    { what: 'text after \\end\\', text: `${SMALL}more\n`, line: 18, reason: /text after \\end\\/ },
    { what: 'duplicate n-gram', text: SMALL.replace('-0.4\tb </s>', '-0.4\ta b'), line: 15, reason: /duplicate 2-gram "a b"/ },
  ];
  for (const c of cases) {
    it(`${c.what}: ArpaFormatError at line ${c.line}`, () => {
      let err: unknown;
      try {
        parseArpa(c.text, 'model.arpa');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArpaFormatError);
      const e = err as ArpaFormatError;
      expect({ code: e.code, file: e.file, line: e.line }).toEqual({ code: 'ARPA_FORMAT', file: 'model.arpa', line: c.line });
      expect(e.reason).toMatch(c.reason);
      expect(e.message).toBe(`model.arpa:${c.line}: ${e.reason}`);
    });
  }
});

describe('n-grams whose context or suffix is missing', () => {
  const tri = (bigrams: string[]) =>
    `\\data\\\nngram 1=5\nngram 2=${bigrams.length}\nngram 3=1\n\n\\1-grams:\n-1\t<unk>\n0\t<s>\t-0.1\n-1\t</s>\n-1\ta\t-0.1\n-1\tb\t-0.1\n\n\\2-grams:\n` +
    bigrams.map((b) => `-0.5\t${b}\t-0.1\n`).join('') +
    `\n\\3-grams:\n-0.2\ta b a\n\n\\end\\\n`;
  it('the context w1..w(n-1) must be an n-gram (KenLM refuses too)', () => {
    expect(() => parseArpa(tri(['b a']), 'm.arpa')).toThrow('m.arpa:17: the context "a b" of this 3-gram is not in the 2-grams');
  });
  it('the suffix w2..wn must be an n-gram (KenLM would invent a "blank" entry; we refuse)', () => {
    expect(() => parseArpa(tri(['a b']), 'm.arpa')).toThrow('m.arpa:17: the suffix "b a" of this 3-gram is not in the 2-grams');
  });
  it('with both it reads', () => {
    expect(parseArpa(tri(['a b', 'b a'])).logProb('a', ['a', 'b'])).toBe(Math.fround(-0.2));
  });
});

describe('KenLM number formatting', () => {
  it.each([
    [Math.fround(-0.30103), '-0.30103'],
    [0, '0'],
    [-0, '-0'],
    [-99, '-99'],
    [Math.fround(1e-7), '1e-7'],
    [Math.fround(-2.5e-6), '-0.0000025'],
    [Math.fround(123456789), '123456790'],
    [-Infinity, '-inf'],
  ])('formatFloat32(%s) = %s', (x, s) => {
    expect(formatFloat32(x)).toBe(s);
    if (Number.isFinite(x)) expect(Math.fround(Number(s))).toBe(x);
  });
  it('formatDouble drops the "+" of big exponents', () => {
    expect(formatDouble(1e21)).toBe('1e21');
    expect(formatDouble(634.3481491359532)).toBe('634.3481491359532');
  });
});

describe('reading numbers and words in place', () => {
  it('parseDecimalRange reads as Number() does, and NaN for non-ARPA numbers', async () => {
    const { parseDecimalRange } = await import('../src/arpa/fast-number.js');
    const table = ['-1.2345678', '0', '-0', '+3', '.5', '-0.00063072937', '1e-7', '-2.5E+3', '12345678901234567890', '-99', '3.', '1e-30'];
    for (const t of table) expect(Object.is(parseDecimalRange(`x${t}y`, 1, t.length + 1), Number(t))).toBe(true);
    for (const bad of ['', '-', 'e5', '1e', '0x1f', 'Infinity', '1.2.3', '--1', 'abc']) expect(parseDecimalRange(bad, 0, bad.length)).toBeNaN();
    // Seeded random decimals of ARPA's shape: the fast path must agree with Number() bit for bit.
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20000; i++) {
      const digits = String(Math.floor(rand() * 1e9)).padStart(9, '0');
      const point = Math.floor(rand() * 9);
      const t = `-${digits.slice(0, point + 1)}.${digits.slice(point + 1)}${rand() < 0.3 ? `e-${Math.floor(rand() * 12)}` : ''}`;
      expect(parseDecimalRange(t, 0, t.length)).toBe(Number(t));
    }
  });

  it('VocabIndex finds words from ranges of a line, and nothing else', async () => {
    const { VocabIndex, hashRange } = await import('../src/arpa/vocab-index.js');
    const v = new VocabIndex();
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}é`);
    for (const w of words) v.add(w);
    const line = ` ${words[7]} ${words[2999]} w7 w7éé`;
    const at = (w: string, from = 0) => line.indexOf(w, from);
    expect(v.findRange(line, at(words[7]), at(words[7]) + words[7].length, hashRange(line, at(words[7]), at(words[7]) + words[7].length))).toBe(7);
    const s = at(words[2999]);
    expect(v.findRange(line, s, s + words[2999].length, hashRange(line, s, s + words[2999].length))).toBe(2999);
    const w7 = at(' w7 ') + 1;
    expect(v.findRange(line, w7, w7 + 2, hashRange(line, w7, w7 + 2))).toBe(-1);
    expect(v.find('w7éé')).toBe(-1);
    expect(v.find('w0é')).toBe(0);
  });
});
