import fc from 'fast-check';
import tokenizers from 'tokenizers';
import { describe, expect, test } from 'vitest';
import { NormalizedString } from '../../../src/hf/normalized-string.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { arbitraryText, compare, normalizerOf, PER_CHARACTER, SAMPLES, runs } from './reference.js';

/** Normalizer configurations, as tokenizer.json fragments (also checks that toJSON writes them back). */
const CONFIGS: JsonObject[] = [
  { type: 'NFC' },
  { type: 'NFD' },
  { type: 'NFKC' },
  { type: 'NFKD' },
  { type: 'Lowercase' },
  { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'StripAccents' }] },
  { type: 'Sequence', normalizers: [{ type: 'NFKD' }, { type: 'StripAccents' }, { type: 'Lowercase' }] },
  { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: false },
  { type: 'BertNormalizer', clean_text: false, handle_chinese_chars: false, strip_accents: true, lowercase: false },
  { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' },
  { type: 'Replace', pattern: { String: 'ab' }, content: '' },
  { type: 'Replace', pattern: { String: '' }, content: '-' },
  { type: 'Replace', pattern: { Regex: 'x*' }, content: '<>' },
  { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
  { type: 'Replace', pattern: { Regex: '[0-9]' }, content: '<d>' },
  { type: 'Replace', pattern: { Regex: "(?i:'S|ll)" }, content: 'Q' },
  { type: 'Prepend', prepend: '\u2581' },
  { type: 'Strip', strip_left: true, strip_right: true },
  { type: 'Strip', strip_left: true, strip_right: false },
  { type: 'Strip', strip_left: false, strip_right: true },
  { type: 'Nmt' },
  { type: 'ByteLevel' },
  // llama2's normalizer
  { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '\u2581' }, { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }] },
  { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }, { type: 'Strip', strip_left: true, strip_right: true }, { type: 'Prepend', prepend: '\u2581' }] },
];

describe.each(CONFIGS.map((c) => [JSON.stringify(c), c] as const))('%s', (_, config) => {
  test('toJSON writes the fragment back', () => {
    expect(normalizerOf(config).toJSON()).toEqual(config);
  });

  test('normalized text and per-character alignment match the reference on the samples', async () => {
    for (const text of SAMPLES) {
      const { ours, reference } = await compare(config, PER_CHARACTER, text);
      expect(ours, JSON.stringify(text)).toEqual(reference);
    }
  });

  test('… and on generated text', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (text) => {
        const { ours, reference } = await compare(config, PER_CHARACTER, text);
        expect(ours).toEqual(reference);
      }),
      { numRuns: runs(40) },
    );
  });
});

describe('normalizeString of the reference agrees', () => {
  const lib = tokenizers as unknown as Record<string, (...args: unknown[]) => { normalizeString(s: string): string }>;
  const pairs: Array<[string, JsonObject, { normalizeString(s: string): string }]> = [
    ['nfkc', { type: 'NFKC' }, lib.nfkcNormalizer!()],
    ['bert', { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true }, lib.bertNormalizer!()],
    ['nmt', { type: 'Nmt' }, lib.nmt!()],
  ];
  test.each(pairs)('%s', (_, config, reference) => {
    const ours = normalizerOf(config);
    for (const text of SAMPLES) {
      const n = new NormalizedString(text);
      ours.normalize(n);
      expect(n.normalized, JSON.stringify(text)).toBe(reference.normalizeString(text));
    }
  });
});
