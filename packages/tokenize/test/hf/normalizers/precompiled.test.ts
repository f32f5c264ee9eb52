import fc from 'fast-check';
import tokenizers from 'tokenizers';
import { describe, expect, test } from 'vitest';
import { TokenizerJsonError } from '../../../src/errors.js';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { NormalizedString } from '../../../src/hf/normalized-string.js';
import { normalizerFromJSON } from '../../../src/hf/normalizers/index.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { buildCharsmap } from './charsmap-builder.js';
import { arbitraryText, compare, normalizerOf, PER_CHARACTER, SAMPLES, runs } from './reference.js';

/** Rules in the spirit of SentencePiece's nmt_nfkc, plus the odd cases: removal, expansion, multi-character keys. */
const RULES: ReadonlyArray<readonly [string, string]> = [
  ['\ufb01', 'fi'],
  ['\ufb03', 'ffi'],
  ['\u2460', '1'],
  ['\uff21', 'A'],
  ['\uff11', '1'],
  ['\u2122', 'TM'],
  ['\u00a0', ' '],
  ['\u3000', ' '],
  ['\u0085', ' '],
  ['\u001e', ''],
  ['\u00ad', ''],
  ['\u200b', ''],
  ['e\u0301', '\u00e9'],
  ['A\u030a', '\u00c5'],
  ['\u212b', '\u00c5'],
  ['\u00bd', '1\u20442'],
  ['\ud835\udc00', 'A'],
  ['x', 'X'],
  ['x\u0301', 'Q'],
  ['\u0645', '\u0645\u0645'],
];

const CHARSMAP = buildCharsmap(RULES);
const CONFIG: JsonObject = { type: 'Precompiled', precompiled_charsmap: Buffer.from(CHARSMAP).toString('base64') };
const EXTRA = ['x\u0301y', 'e\u0301\u0301', '\u001eg\u2122\u001e', '\u00adabc', 'A\u030a\u212b\ufb01\ufb03!', '\u2460\u00bd\uff21\uff11 \ud835\udc00\u0645'];

describe('Precompiled', () => {
  test('toJSON writes the fragment back', () => {
    expect(normalizerOf(CONFIG).toJSON()).toEqual(CONFIG);
  });

  test('agrees with normalizeString of the reference', () => {
    const reference = (tokenizers as unknown as { precompiled(bytes: number[]): { normalizeString(s: string): string } }).precompiled([...CHARSMAP]);
    const ours = normalizerOf(CONFIG);
    for (const text of [...SAMPLES, ...EXTRA]) {
      const n = new NormalizedString(text);
      ours.normalize(n);
      expect(n.normalized, JSON.stringify(text)).toBe(reference.normalizeString(text));
    }
  });

  test('text and per-character alignment match the reference', async () => {
    for (const text of [...SAMPLES, ...EXTRA]) {
      const { ours, reference } = await compare(CONFIG, PER_CHARACTER, text);
      expect(ours, JSON.stringify(text)).toEqual(reference);
    }
  });

  test('… and on generated text', async () => {
    const rule = fc.constantFrom(...RULES.map(([k]) => k));
    const text = fc.tuple(arbitraryText, rule, arbitraryText, rule).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const { ours, reference } = await compare(CONFIG, PER_CHARACTER, t);
        expect(ours).toEqual(reference);
      }),
      { numRuns: runs(60) },
    );
  });

  test('a malformed charsmap is reported at its path', () => {
    const bad = { type: 'Precompiled', precompiled_charsmap: Buffer.from([8, 0, 0, 0, 1]).toString('base64') };
    expect(() => normalizerFromJSON(JsonReader.at(bad, '$.normalizer'))).toThrow(TokenizerJsonError);
    expect(() => normalizerFromJSON(JsonReader.at({ type: 'Precompiled' }, '$.normalizer'))).toThrow(/\$\.normalizer\.precompiled_charsmap/);
  });
});
