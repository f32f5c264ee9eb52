import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getWordTokenizer, MOSES_LANGS, type MosesLang } from '../../../src/index.js';
import { mosesReference } from '../../../src/words/moses/moses.reference.js';
import { fixtures, splitTokens, type FixtureCase } from '../fixtures.js';
import { expectValidSpans } from '../offsets.js';

/** Moses deletes control characters, so a token may cover a few more characters than it shows. */
const controlDropped = (token: string, original: string): boolean => original.replace(/[\x00-\x1f]/g, '') === token;

/**
 * Where we differ from tokenizer.perl on purpose: while it works, the Perl writes runs of dots as
 * the words DOTMULTI, DOTDOTMULTI…, and at the end turns every such word back into dots, so a
 * text that spells DOTMULTI loses it. We keep the text.
 */
const dotmultiAsPerl = (token: string): string => token.replace(/(?:DOT)+MULTI/g, (m) => '.'.repeat(m.length / 3 - 1));

function runs(): Array<[string, MosesLang, FixtureCase]> {
  const { cases, moses } = fixtures();
  return cases.flatMap((c) => MOSES_LANGS.filter((l) => moses[c.id][l]).map((l): [string, MosesLang, FixtureCase] => [`${c.id} -l ${l}`, l, c]));
}

describe('moses style', () => {
  const { moses } = fixtures();

  it.each(runs())('%s: same tokens as tokenizer.perl -no-escape', (_name, lang, c) => {
    const want = moses[c.id][lang]!.lines.flatMap(splitTokens);
    let ours = getWordTokenizer('moses', { lang }).tokenize(c.text);
    expect(mosesReference(c.text, lang)).toEqual(ours);
    if (c.text.includes('DOTMULTI')) {
      expect(ours).not.toEqual(want);
      ours = ours.map(dotmultiAsPerl);
    }
    expect(ours).toEqual(want);
  });

  it('covers every token exactly, less the control characters it dropped', () => {
    for (const [, lang, c] of runs()) expectValidSpans(c.text, getWordTokenizer('moses', { lang }).tokenizeWithOffsets(c.text), controlDropped);
  });

  it.each(MOSES_LANGS)('agrees with the line-by-line reference on random text (-l %s)', (lang) => {
    const tok = getWordTokenizer('moses', { lang });
    const unit = fc.constantFrom(
      "'", '`', ',', ',,', '.', '..', '...', '-', '"', '(', ')', ':', '!', '?', '&', '|', '\u00ab', ' ', ' ', ' ', '\t', '\n',
      '\u00a0', '\x01', '\x1c', 'a', 'b', 'x', 'é', 's', 'ß', 'ª', 'Mr', 'No', 'St', 'pp', 'U.S', 'e.g', 'i.e', '1', '5',
      '٣', '𝟏', 'Ⅻ', 'A', 'Z', 'X', 'l', "qu'", '😀', '\u0301',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const text = units.join('');
        const spans = tok.tokenizeWithOffsets(text);
        expect(spans.tokens).toEqual(mosesReference(text, lang));
        expectValidSpans(text, spans, controlDropped);
      }),
      { numRuns: 2000 },
    );
  });
});
