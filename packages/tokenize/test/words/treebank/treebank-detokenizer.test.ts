import { describe, expect, it } from 'vitest';
import { detokenize } from '../../../src/index.js';
import { fixtures, splitTokens } from '../fixtures.js';

describe('treebank detokenizer', () => {
  const { cases, treebank } = fixtures();

  it.each(cases.map((c) => [c.id, c] as const))("%s: same text as NLTK's TreebankWordDetokenizer", (_id, c) => {
    const { tokens, detok } = treebank[c.id];
    expect(detokenize(splitTokens(tokens), 'treebank')).toBe(detok);
  });
});
