/**
 * The hand-written 13a post-tokenizer against the regex chain it replaces (`postTokenizeRegex`,
 * sacreBLEU's substitutions verbatim), on thousands of seeded random strings drawn from an alphabet
 * weighted towards the characters the rules treat specially ([.,] next to digits, dashes, runs of
 * punctuation, Python vs JS whitespace, surrogates, entities, `<skipped>`, newlines).
 */
import { describe, expect, it } from 'vitest';
import { pyNormalizeSpaces, pySplit } from '../src/pystr.js';
import { postTokenize, postTokenizeRegex, postTokenizeTokens } from '../src/tokenizers/regexp.js';
import { tokenize13a, tokens13a } from '../src/tokenizers/tok13a.js';
import { rng } from './random-text.js'; // mulberry32, seeded so failures reproduce

function tokenize13aRegex(line: string): string {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  return postTokenizeRegex(` ${line} `);
}

const PIECES = [
  '.', ',', '.', ',', '-', '-', '0', '1', '9', '5', 'a', 'Z', 'é', ' ', ' ', '\t', '\n', '-\n', "'", '"', '/', '(', ')',
  '!', '?', ':', ';', '@', '[', ']', '`', '{', '~', '|', '\\', '^', '_', '$', '%', '&', '+', '*', '<', '>', '=', '#',
  '\u00a0', '\u3000', '\x1c', '\x1f', '\x85', '\ufeff', '\u2028', '\u200b', '😀', '\ud83d', '\ude00', '中',
  '&amp;', '&quot;', '&lt;', '&gt;', '<skipped>', '...', '1.5', '1,000', '3-4', 'U.S.', 'e.g.,', ' .', '., ', '-.', '.-',
];

function randomString(r: () => number, maxLen: number): string {
  const len = Math.floor(r() * maxLen);
  let s = '';
  for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

describe('fast 13a / post-tokenizer equals the regex reference', () => {
  it('on fixed tricky inputs', () => {
    const cases = [
      '', ' ', '.', ',', '..', ',.,', 'a.b', '1.5', '1,5', '1.a', 'a.1', '1..1', 'a..1', '1-2', '1--2', '1.-2', '-1', '1-',
      'a.,b', '.,.', 'x .y', 'x. y', '1. 2', '3 .4', '12.34.56', "don't", 'U.S.A.', '(1.5)', '$1,000.00-', '😀.1', '1.😀',
      '\ud83d.', '.\ude00', 'a\u00a0.\u00a0b', 'a\ufeff.b', '&amp;.&lt;', '<skipped>1.2', 'a-\nb', 'a\nb.',
    ];
    for (const c of cases) {
      expect(postTokenize(c)).toBe(postTokenizeRegex(c));
      expect(postTokenize(` ${c} `)).toBe(postTokenizeRegex(` ${c} `));
      expect(tokenize13a(c)).toBe(tokenize13aRegex(c));
    }
  });

  it('on 20,000 random strings', () => {
    const r = rng(13);
    for (let i = 0; i < 20_000; i++) {
      const s = randomString(r, i < 10_000 ? 12 : 60);
      const want = tokenize13aRegex(s);
      const got = tokenize13a(s);
      if (got !== want) expect({ input: s, got }).toEqual({ input: s, got: want });
      expect(tokens13a(s)).toEqual(pySplit(want));
      const p = postTokenizeRegex(s);
      if (postTokenize(s) !== p) expect({ input: s, got: postTokenize(s) }).toEqual({ input: s, got: p });
      expect(postTokenizeTokens(s).join(' ')).toBe(pyNormalizeSpaces(p));
    }
  });
});
