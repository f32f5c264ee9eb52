import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors.js';
import { charNgrams } from '../../src/subwords/index.js';
import { fasttextFixtures } from './fixtures.js';

describe('charNgrams', () => {
  const { models } = fasttextFixtures();

  it("gives fastText's n-grams, in its order, for every fixture word and model", () => {
    let n = 0;
    for (const m of models) {
      for (const c of m.cases) {
        expect([m.name, c.word, charNgrams(c.word, { minn: m.minn, maxn: m.maxn })]).toEqual([m.name, c.word, c.ngrams]);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it("defaults to fastText's minn 3, maxn 6", () => {
    const m = models.find((x) => x.minn === 3 && x.maxn === 6);
    for (const c of m?.cases ?? []) expect(charNgrams(c.word)).toEqual(c.ngrams);
  });

  it('keeps the whole wrapped word when short enough, and drops the lone < and >', () => {
    expect(charNgrams('ab')).toEqual(['<ab', '<ab>', 'ab>']);
    expect(charNgrams('', { minn: 1, maxn: 2 })).toEqual(['<>']);
    expect(charNgrams('a', { minn: 1, maxn: 1 })).toEqual(['a']);
  });

  it('handles the edge cases like fastText', () => {
    expect(charNgrams('')).toEqual([]);
    expect(charNgrams('word', { maxn: 0 })).toEqual([]);
    expect(charNgrams('word', { minn: 5, maxn: 4 })).toEqual([]);
    expect(charNgrams('</s>')).toEqual([]);
    expect(charNgrams('ab', { minn: 0, maxn: 1 })).toEqual(['a', 'b']);
  });

  it('treats a surrogate pair as one character and a lone surrogate as U+FFFD', () => {
    expect(charNgrams('😀', { minn: 1, maxn: 3 })).toEqual(['<😀', '<😀>', '😀', '😀>']);
    expect(charNgrams('a\ud800', { minn: 3, maxn: 3 })).toEqual(['<a\ufffd', 'a\ufffd>']);
  });

  it('rejects options that are not whole numbers in range', () => {
    for (const o of [{ minn: -1 }, { maxn: 1.5 }, { minn: Number.NaN }, { maxn: 2 ** 31 }]) {
      expect(() => charNgrams('word', o)).toThrow(InvalidOptionError);
    }
  });
});
