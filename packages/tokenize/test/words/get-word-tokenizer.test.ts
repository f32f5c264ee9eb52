import { describe, expect, it } from 'vitest';
import { detokenize, getWordTokenizer, NlpkitError, UnknownNameError, WORD_STYLES, type MosesLang, type WordStyle } from '../../src/index.js';
import { fixtures } from './fixtures.js';
import { thrown } from '../thrown.js';

describe('getWordTokenizer', () => {
  it('names its style', () => {
    for (const style of WORD_STYLES) expect(getWordTokenizer(style).style).toBe(style);
  });

  it('rejects an unknown style, naming the known ones', () => {
    const e = thrown(() => getWordTokenizer('penn' as WordStyle));
    expect(e).toBeInstanceOf(UnknownNameError);
    expect(e).toMatchObject({ code: 'UNKNOWN_NAME', kind: 'word tokenizer style', value: 'penn', known: WORD_STYLES });
  });

  it('rejects an unknown Moses language', () => {
    const e = thrown(() => getWordTokenizer('moses', { lang: 'xx' as MosesLang }));
    expect(e).toBeInstanceOf(NlpkitError);
    expect(e).toMatchObject({ code: 'UNKNOWN_NAME', kind: 'Moses language', value: 'xx', known: ['en', 'fr', 'de'] });
  });

  it('returns from tokenize() the tokens of tokenizeWithOffsets()', () => {
    for (const style of WORD_STYLES) {
      const tok = getWordTokenizer(style);
      for (const c of fixtures().cases) expect(tok.tokenize(c.text)).toEqual(tok.tokenizeWithOffsets(c.text).tokens);
    }
  });
});

describe('detokenize', () => {
  it('rejects an unknown style or language', () => {
    expect(thrown(() => detokenize(['a'], 'unicode' as 'moses'))).toMatchObject({ code: 'UNKNOWN_NAME', kind: 'detokenizer style', value: 'unicode' });
    expect(thrown(() => detokenize(['a'], 'moses', { lang: 'zz' as MosesLang }))).toMatchObject({ code: 'UNKNOWN_NAME', kind: 'Moses language' });
  });
});
