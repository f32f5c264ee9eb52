import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePoints } from '../../src/index.js';
import { expectValidSpans } from '../words/offsets.js';
import { fixtures } from '../words/fixtures.js';

describe('codePoints', () => {
  it('gives the code points of Array.from, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.array(fc.constantFrom('\ud800', '\udc00', '😀', 'a'), { maxLength: 8 }), (s, extra) => {
        const text = s + extra.join('');
        const spans = codePoints(text);
        expect(spans.tokens).toEqual(Array.from(text));
        expectValidSpans(text, spans);
      }),
      { numRuns: 500 },
    );
  });

  it('covers the fixture texts', () => {
    for (const c of fixtures().cases) {
      const spans = codePoints(c.text);
      expect(spans.tokens).toEqual(Array.from(c.text));
      expectValidSpans(c.text, spans);
    }
  });
});
