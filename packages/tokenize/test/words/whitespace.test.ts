import { describe, expect, it } from 'vitest';
import { getWordTokenizer } from '../../src/index.js';
import { fixtures, splitTokens } from './fixtures.js';
import { expectValidSpans } from './offsets.js';

const tok = getWordTokenizer('whitespace');

describe('whitespace style', () => {
  const { cases, python } = fixtures();

  it.each(cases.map((c) => [c.id, c] as const))("%s: same tokens as Python's str.split()", (_id, c) => {
    expect(tok.tokenize(c.text)).toEqual(splitTokens(python[c.id].split));
  });

  it('covers every token exactly', () => {
    for (const c of cases) expectValidSpans(c.text, tok.tokenizeWithOffsets(c.text));
  });
});
