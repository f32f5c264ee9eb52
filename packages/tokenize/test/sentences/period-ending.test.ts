import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/index.js';
import { periodEnding } from '../../src/sentences/period-ending.js';

/** The regex `periodEnding` replaces (split-sentences.perl's, in JavaScript). */
const ENDS_WITH_PERIODS = /([\p{Alphabetic}\p{Nd}.-]*)(['")\]%\p{Pf}]*)(\.+)$/u;

function byRegex(word: string): readonly [string, string] | undefined {
  const m = ENDS_WITH_PERIODS.exec(word);
  return m ? [m[1], m[2]] : undefined;
}

describe('periodEnding', () => {
  it('captures what the regex captures, on random words', () => {
    // Members of each class (ASCII, wide, astral), their neighbours, lone surrogates and breaks.
    const unit = fc.constantFrom(
      '.', '.', '..', '-', 'a', 'Z', 'é', 'ß', '٣', '𝐀', '𝟏', 'Ⅻ', "'", '"', ')', ']', '%', '\u00bb', '\u2019', '\u201d',
      '(', '[', '\u00ab', '\u201c', ',', '!', '?', '_', '/', '\n', '😀', '\u0301', '\ud835', '\udc00', 'x', '1',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const word = units.join('');
        expect(periodEnding(word)).toEqual(byRegex(word));
      }),
      { numRuns: 20000 },
    );
  });

  it('agrees on the shapes that matter', () => {
    for (const word of ['etc.', 'U.S.', 'No.', 'end.)', 'end.).', 'x")..', 'a.b.c...', '...', '.', ')', '', 'Mr', 'fin\u00bb.', '(Mr.']) {
      expect(periodEnding(word), word).toEqual(byRegex(word));
    }
  });

  it('reads one long word in one pass (the regex took quadratic time on it)', () => {
    const word = `${'a'.repeat(200_000)})x.`;
    expect(periodEnding(word)).toEqual(['x', '']);
    expect(splitSentences(`${word} Next one.`).tokens).toHaveLength(2);
  });
});
