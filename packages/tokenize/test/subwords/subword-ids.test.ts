import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors.js';
import { charNgrams, fasttextHash, subwordIds } from '../../src/subwords/index.js';
import { fasttextFixtures } from './fixtures.js';

describe('subwordIds', () => {
  const { models } = fasttextFixtures();

  it("gives the rows Debian's fasttext print-ngrams uses, word id first when in the vocabulary", () => {
    let nonAscii = 0;
    for (const m of models) {
      for (const c of m.cases) {
        const o = { minn: m.minn, maxn: m.maxn, bucket: m.bucket, nwords: m.nwords };
        expect([m.name, c.word, Array.from(subwordIds(c.word, o))]).toEqual([m.name, c.word, c.ids]);
        if (c.wordId !== null) {
          expect(Array.from(subwordIds(c.word, { ...o, wordId: c.wordId }))).toEqual([c.wordId, ...c.ids]);
        }
        if (/[^\x00-\x7f]/.test(c.word) && c.ids.length > 0) nonAscii++;
      }
    }
    expect(nonAscii).toBeGreaterThan(20);
  });

  it('is nwords + fasttextHash(n-gram) % bucket for each charNgrams n-gram', () => {
    for (const word of ['Überraschungsei', 'a😀b', '👍🏽', 'a\ud800b', '', 'x'.repeat(40)]) {
      const ids = subwordIds(word, { nwords: 7, bucket: 1009, minn: 1, maxn: 5 });
      expect(Array.from(ids)).toEqual(charNgrams(word, { minn: 1, maxn: 5 }).map((g) => 7 + (fasttextHash(g) % 1009)));
    }
  });

  it('agrees with charNgrams + fasttextHash on random strings, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 5000 }),
        (word, minn, maxn, bucket) => {
          const expected = charNgrams(word, { minn, maxn }).map((g) => 3 + (fasttextHash(g) % bucket));
          expect(Array.from(subwordIds(word, { nwords: 3, bucket, minn, maxn }))).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('defaults to bucket 2,000,000 and minn 3, maxn 6', () => {
    const ids = subwordIds('straße', { nwords: 0 });
    expect(Array.from(ids)).toEqual(charNgrams('straße').map((g) => fasttextHash(g) % 2_000_000));
  });

  it('handles the edge cases like fastText', () => {
    expect(subwordIds('', { nwords: 5 })).toEqual(new Uint32Array(0));
    expect(subwordIds('</s>', { nwords: 5, wordId: 0 })).toEqual(Uint32Array.of(0));
    expect(subwordIds('word', { nwords: 5, maxn: 0, bucket: 0 })).toEqual(new Uint32Array(0));
    expect(subwordIds('word', { nwords: 5, minn: 7, maxn: 6 })).toEqual(new Uint32Array(0));
  });

  it('rejects bad options with InvalidOptionError', () => {
    const bad = [
      { nwords: -1 },
      { nwords: 1.5 },
      { nwords: 10, bucket: 0 },
      { nwords: 10, bucket: 2 ** 31 },
      { nwords: 10, wordId: 10 },
      { nwords: 10, wordId: -1 },
      { nwords: 10, minn: -2 },
    ];
    for (const o of bad) expect(() => subwordIds('word', o)).toThrow(InvalidOptionError);
  });
});
