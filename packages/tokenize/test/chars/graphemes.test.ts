import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemes, InvalidOptionError } from '../../src/index.js';
import { expectValidSpans } from '../words/offsets.js';
import { fixtures } from '../words/fixtures.js';

/** The reference: Intl.Segmenter run over the whole text, no shortcuts. */
function segmenterClusters(text: string, locale = 'und'): string[] {
  return [...new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
}

describe('graphemes', () => {
  it("gives Intl.Segmenter's clusters on the fixture texts", () => {
    for (const c of fixtures().cases) {
      const spans = graphemes(c.text);
      expect(spans.tokens, c.id).toEqual(segmenterClusters(c.text));
      expectValidSpans(c.text, spans);
    }
  });

  it("gives Intl.Segmenter's clusters on random text around cluster rules", () => {
    const unit = fc.constantFrom(
      'a', 'Z', ' ', '.', '\r', '\n', '\r\n', '\u0301', '\u0308', '\u200d', '\u200c', '\ufe0f', '😀', '👨', '👩',
      '🏽', '🇫', '🇷', '\u1100', '\u1161', '\u11a8', '가', 'क', '्', 'ष', 'ि', '\u0600', 'é', '\x00', '\ud800', '\udc00',
      'ÿ', '’', '“', '—', '…', 'П', '中', '𠀀', 'ก', 'ำ', 'ສ', 'ຳ', '\u0903', 'অ', '্', 'ம', '்', '\u200b', '\u2028',
      '\ufeff', '‼', '©', '\u20e3', '#', '1',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        const spans = graphemes(text);
        expect(spans.tokens).toEqual(segmenterClusters(text));
        expectValidSpans(text, spans);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a locale and rejects a malformed one', () => {
    expect(graphemes('Ǆx', { locale: 'hr' }).tokens).toEqual(segmenterClusters('Ǆx', 'hr'));
    let error: unknown;
    try {
      graphemes('x', { locale: 'not a locale!' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ code: 'INVALID_OPTION', option: 'locale', value: 'not a locale!' });
  });

  it('gives the same clusters when its cached segmenters are reused or dropped', () => {
    // More locales than the cache keeps, twice over, and a malformed one in between.
    const text = 'e\u0301🇫🇷 नमस्ते Ǆx\r\n';
    const locales = ['en', 'fr', 'de', 'hr', 'hi-IN', 'ja', 'th', 'ko', 'ar', 'ru', 'es', 'und'];
    for (let round = 0; round < 2; round++) {
      for (const locale of locales) expect(graphemes(text, { locale }).tokens, locale).toEqual(segmenterClusters(text, locale));
      expect(() => graphemes(text, { locale: 'not a locale!' })).toThrow(InvalidOptionError);
    }
  });
});
