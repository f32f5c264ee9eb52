import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { JsonObject } from '../../../src/hf/stages.js';
import { arbitraryText, compare, NEWER_THAN_RUST_SCRIPTS, preTokenizerOf, SAMPLES, runs } from '../normalizers/reference.js';

const BEHAVIORS = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'] as const;
const LLAMA3_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** Pre-tokenizer configurations, as tokenizer.json fragments, each with an optional normalizer. */
const CONFIGS: Array<[JsonObject | null, JsonObject]> = [
  [null, { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true }],
  [null, { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true }],
  [null, { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: false }],
  [null, { type: 'Whitespace' }],
  [null, { type: 'WhitespaceSplit' }],
  [null, { type: 'BertPreTokenizer' }],
  [null, { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true }],
  [null, { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'first', split: true }],
  [null, { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'never', split: false }],
  [null, { type: 'Metaspace', replacement: '_', prepend_scheme: 'always', split: false }],
  ...BEHAVIORS.map((b): [null, JsonObject] => [null, { type: 'Punctuation', behavior: b }]),
  [null, { type: 'Digits', individual_digits: true }],
  [null, { type: 'Digits', individual_digits: false }],
  [null, { type: 'CharDelimiterSplit', delimiter: ' ' }],
  [null, { type: 'CharDelimiterSplit', delimiter: '\ud83d\ude00' }],
  ...BEHAVIORS.flatMap((b): Array<[null, JsonObject]> => [
    [null, { type: 'Split', pattern: { String: ' ' }, behavior: b, invert: false }],
    [null, { type: 'Split', pattern: { String: '' }, behavior: b, invert: false }],
    [null, { type: 'Split', pattern: { String: 'ab' }, behavior: b, invert: true }],
    [null, { type: 'Split', pattern: { Regex: '\\s+' }, behavior: b, invert: false }],
    [null, { type: 'Split', pattern: { Regex: '\\w+|[^\\w\\s]+' }, behavior: b, invert: true }],
    [null, { type: 'Split', pattern: { Regex: '\\d|\\h' }, behavior: b, invert: false }],
    [null, { type: 'Split', pattern: { Regex: 'a*' }, behavior: b, invert: false }],
  ]),
  [null, { type: 'Split', pattern: { Regex: LLAMA3_PATTERN }, behavior: 'Isolated', invert: false }],
  [null, { type: 'Split', pattern: { Regex: "(?>a|ab)c|x++y|(?i)Ǆ|^.|.$|\\A\\s|\\s\\z|[[:alpha:]]{2,}" }, behavior: 'Isolated', invert: false }],
  [null, { type: 'Split', pattern: { Regex: '\\p{Han}+|\\p{Arabic}|\\p{Lu}\\p{Ll}*|[\\x{1F600}-\\x{1F64F}]' }, behavior: 'Isolated', invert: false }],
  [null, { type: 'FixedLength', length: 3 }],
  [null, { type: 'UnicodeScripts' }],
  [null, { type: 'Sequence', pretokenizers: [{ type: 'UnicodeScripts' }, { type: 'Whitespace' }] }],
  [null, { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'first', split: true }] }],
  [null, { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: LLAMA3_PATTERN }, behavior: 'Isolated', invert: false }, { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false }] }],
  [{ type: 'NFKC' }, { type: 'Sequence', pretokenizers: [{ type: 'Digits', individual_digits: true }, { type: 'Punctuation', behavior: 'Isolated' }, { type: 'WhitespaceSplit' }] }],
  [{ type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true }, { type: 'BertPreTokenizer' }],
  [{ type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'Lowercase' }] }, { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true }],
  [{ type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }, { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true }],
];

describe.each(CONFIGS.map(([n, p]) => [`${n ? `${JSON.stringify(n)} + ` : ''}${JSON.stringify(p)}`, n, p] as const))('%s', (_, normalizer, preTokenizer) => {
  test('toJSON writes the fragment back', () => {
    expect(preTokenizerOf(preTokenizer).toJSON()).toEqual(preTokenizer);
  });

  test('pieces and offsets match the reference on the samples', async () => {
    for (const text of SAMPLES) {
      const { ours, reference } = await compare(normalizer, preTokenizer, text);
      expect(ours, JSON.stringify(text)).toEqual(reference);
    }
  });

  test('… and on generated text', async () => {
    const scripts = JSON.stringify(preTokenizer).includes('UnicodeScripts');
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (generated) => {
        const text = scripts ? generated.replace(NEWER_THAN_RUST_SCRIPTS, '') : generated;
        const { ours, reference } = await compare(normalizer, preTokenizer, text);
        expect(ours).toEqual(reference);
      }),
      { numRuns: runs(25) },
    );
  });
});

/**
 * The normalizer and pre-tokenizer of real files (@lenml/tokenizer-{gpt2,llama2,llama3,gemma}), copied
 * here because parsing those files (up to 34 MB) would take seconds.
 */
const REAL_FILES: Array<[string, JsonObject | null, JsonObject]> = [
  ['gpt2', null, { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true }],
  [
    'llama2',
    { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '\u2581' }, { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }] },
    { type: 'Sequence', pretokenizers: [] },
  ],
  [
    'llama3',
    null,
    {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: LLAMA3_PATTERN }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
  ],
  ['gemma', { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }, { type: 'Sequence', pretokenizers: [] }],
];

describe('real tokenizer.json files', () => {
  test.each(REAL_FILES)('%s', async (_, normalizer, preTokenizer) => {
    for (const text of SAMPLES) {
      const { ours, reference } = await compare(normalizer, preTokenizer, text);
      expect(ours, JSON.stringify(text)).toEqual(reference);
    }
  });
});
