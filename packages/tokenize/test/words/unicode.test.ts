import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getWordTokenizer } from '../../src/index.js';
import { fixtures, splitTokens } from './fixtures.js';
import { expectValidSpans } from './offsets.js';

const tok = getWordTokenizer('unicode');

/**
 * The rule of the `unicode` style as one regex: a word character, then word characters and
 * extenders; or a run of anything that is neither a word character nor white space.
 */
const ORACLE =
  /[\p{L}\p{N}\p{Pc}][\p{L}\p{N}\p{Pc}\p{M}\u200c\u200d\u00ad\u2060]*|[^\p{L}\p{N}\p{Pc}\p{White_Space}\x1c-\x1f]+/gu;
const oracle = (text: string): string[] => text.match(ORACLE) ?? [];

/**
 * Where we differ from NLTK on purpose: Python's `\w` has no marks, so NLTK splits `é` written as
 * e + U+0301 and every Devanagari vowel sign; we let marks, ZWNJ, ZWJ, soft hyphen and word joiner
 * extend the token before them, and count all connector punctuation (not only `_`) as word characters.
 */
const DIVERGES = /[\p{M}\u200c\u200d\u00ad\u2060]|(?!_)\p{Pc}/u;

describe('unicode style', () => {
  const { cases, python } = fixtures();
  const agreeing = cases.filter((c) => !DIVERGES.test(c.text));
  const diverging = cases.filter((c) => DIVERGES.test(c.text));

  it.each(agreeing.map((c) => [c.id, c] as const))("%s: same tokens as NLTK's wordpunct_tokenize", (_id, c) => {
    expect(tok.tokenize(c.text)).toEqual(splitTokens(python[c.id].wordpunct));
  });

  it('differs from NLTK only in texts with marks or joiners, where it keeps them in their token', () => {
    let differing = 0;
    for (const c of diverging) {
      const ours = tok.tokenize(c.text);
      const nltk = splitTokens(python[c.id].wordpunct);
      expect(ours).toEqual(oracle(c.text));
      // Both drop only white space; NLTK cuts some of our tokens in two.
      expect(ours.join('')).toBe(nltk.join(''));
      expect(ours.length).toBeLessThanOrEqual(nltk.length);
      if (ours.length < nltk.length) differing++;
    }
    expect(differing).toBeGreaterThan(0);
    expect(tok.tokenize('cafe\u0301 नमस्ते')).toEqual(['cafe\u0301', 'नमस्ते']);
  });

  it('matches the one-regex statement of its rule on random text', () => {
    const unit = fc.constantFrom(
      'a', 'Z', 'é', 'e\u0301', '\u0301', '_', '\u203f', '1', '٣', 'Ⅻ', '.', ',', "'", '"', '-', '!', '😀',
      '\u200d', '\u00ad', ' ', '\t', '\n', '\u00a0', '\u3000', '\x1c', '\ufeff', '\ud800', '𝐀', 'ß', 'ǅ', '।', 'न', 'ि',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        expect(tok.tokenize(text)).toEqual(oracle(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('covers every token exactly', () => {
    for (const c of cases) expectValidSpans(c.text, tok.tokenizeWithOffsets(c.text));
  });
});
