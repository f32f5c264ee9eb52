import { describe, expect, it } from 'vitest';
import { detokenize, MOSES_LANGS, type MosesLang } from '../../../src/index.js';
import { fixtures, splitTokens } from '../fixtures.js';

describe('moses detokenizer', () => {
  const { cases, moses } = fixtures();
  const lines = cases.flatMap((c) =>
    MOSES_LANGS.flatMap((lang) =>
      (moses[c.id][lang]?.lines ?? []).flatMap((line, i): Array<[string, MosesLang, string, string]> =>
        line === '' ? [] : [[`${c.id}:${i} -l ${lang}`, lang, line, moses[c.id][lang]!.detok[i]]],
      ),
    ),
  );

  it.each(lines)('%s: same text as detokenizer.perl', (_name, lang, line, want) => {
    expect(detokenize(splitTokens(line), 'moses', { lang })).toBe(want);
  });
});
