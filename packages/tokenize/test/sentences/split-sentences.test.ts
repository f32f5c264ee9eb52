import { describe, expect, it } from 'vitest';
import { MOSES_LANGS, splitSentences, UnknownNameError, type MosesLang } from '../../src/index.js';
import { fixtures, type FixtureCase } from '../words/fixtures.js';
import { expectValidSpans } from '../words/offsets.js';

/** split-sentences.perl prints a sentence with line breaks and runs of blanks (Perl's `\h`) as one space. */
const asMosesPrints = (s: string): string => s.replace(/[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\n]+/g, ' ');

function runs(): Array<[string, MosesLang, FixtureCase]> {
  const { cases, sentences } = fixtures();
  return cases.flatMap((c) => MOSES_LANGS.filter((l) => sentences[c.id][l]).map((l): [string, MosesLang, FixtureCase] => [`${c.id} -l ${l}`, l, c]));
}

describe('splitSentences', () => {
  const { cases, sentences } = fixtures();
  // Our one deliberate difference: "\r\n" ends a line; Moses keeps the "\r" in the last word.
  const crlf = runs().filter(([, , c]) => c.text.includes('\r\n'));

  it.each(runs().filter(([, , c]) => !c.text.includes('\r\n')))('%s: same sentences as split-sentences.perl', (_name, lang, c) => {
    const spans = splitSentences(c.text, { lang });
    expect(spans.tokens.map(asMosesPrints)).toEqual(sentences[c.id][lang]);
    expectValidSpans(c.text, spans);
  });

  it('reads "\\r\\n" as Moses reads "\\n"', () => {
    expect(crlf.length).toBeGreaterThan(0);
    for (const [, lang, c] of crlf) {
      const lf = cases.find((d) => d.text === c.text.replace(/\r\n/g, '\n'));
      expect(lf, 'the fixtures hold the same text with "\\n"').toBeDefined();
      const spans = splitSentences(c.text, { lang });
      expect(spans.tokens.map(asMosesPrints)).toEqual(sentences[lf!.id][lang]);
      expect(spans.tokens.map(asMosesPrints)).not.toEqual(sentences[c.id][lang]);
      expectValidSpans(c.text, spans);
    }
  });

  it('rejects an unknown language', () => {
    expect(() => splitSentences('x', { lang: 'xx' as MosesLang })).toThrow(UnknownNameError);
  });
});
