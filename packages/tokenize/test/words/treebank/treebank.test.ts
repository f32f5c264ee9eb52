import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getWordTokenizer } from '../../../src/index.js';
import { treebankReference } from '../../../src/words/treebank/treebank.reference.js';
import { fixtures, splitTokens, utf16Offsets } from '../fixtures.js';
import { expectValidSpans } from '../offsets.js';

const tok = getWordTokenizer('treebank');

/** Treebank rewrites quotes: `"` as `` `` `` or `''`, an opening `''` as `` `` ``. */
const quoteRewrite = (token: string, original: string): boolean =>
  (token === '``' || token === "''") && (original === '"' || original === "''");

describe('treebank style', () => {
  const { cases, treebank } = fixtures();

  it.each(cases.map((c) => [c.id, c] as const))("%s: same tokens as NLTK's TreebankWordTokenizer", (_id, c) => {
    const want = splitTokens(treebank[c.id].tokens);
    expect(tok.tokenize(c.text)).toEqual(want);
    expect(treebankReference(c.text)).toEqual(want);
  });

  it("gives NLTK's span_tokenize offsets (as UTF-16 offsets) wherever NLTK can compute them", () => {
    let compared = 0;
    for (const c of cases) {
      const spans = treebank[c.id].spans;
      if (spans === null) continue; // NLTK's align_tokens raises on this text
      const ours = tok.tokenizeWithOffsets(c.text);
      const flat = [...ours.starts].flatMap((s, i) => [s, ours.ends[i]]);
      expect(flat, c.id).toEqual(utf16Offsets(c.text, spans));
      compared++;
    }
    expect(compared).toBeGreaterThan(cases.length * 0.9);
  });

  it('covers every token exactly, or the quote it rewrote', () => {
    for (const c of cases) expectValidSpans(c.text, tok.tokenizeWithOffsets(c.text), quoteRewrite);
  });

  it('agrees with the whole-text regex cascade on random text', () => {
    // Pieces that every rule reacts to, with the white space and word characters around them.
    const unit = fc.constantFrom(
      '"', "'", '`', '``', "''", ':', ',', ';', '@', '#', '$', '%', '&', '?', '!', '[', ']', '(', ')', '{', '}',
      '<', '>', '-', '--', '.', '..', '...', ' ', ' ', ' ', '\t', '\n', '\u00a0', '\x1c', 'a', 'b', 'x', '1', '5', '٣',
      '𝟏', 'é', '_', 's', 'S', 'm', 'd', 'll', 're', 've', "n't", "N'T", 'can', 'not', 'gon', 'na', 'wan', 'got', 'ta',
      'lem', 'gim', 'me', 'more', "'n", "'ye", "'t", 'is', 'was', 'T', 'CANNOT', 'cannot', 'gonna', 'wanna', ',5', ':3',
      '😀', 'ſ', 'İ',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const text = units.join('');
        const spans = tok.tokenizeWithOffsets(text);
        expect(spans.tokens).toEqual(treebankReference(text));
        expectValidSpans(text, spans, quoteRewrite);
      }),
      { numRuns: 3000 },
    );
  });
});
