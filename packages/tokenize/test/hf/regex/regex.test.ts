import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TokenizerJsonError } from '../../../src/errors.js';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { findMatches, findSplits, patternToJSON, readPattern, regexPattern, stringPattern } from '../../../src/hf/regex/pattern.js';
import { caseVariants, translateOniguruma } from '../../../src/hf/regex/oniguruma.js';
import { arbitraryText, compare, PER_CHARACTER, SAMPLES, runs } from '../normalizers/reference.js';

/** Oniguruma patterns whose matches we compare with the reference (as Split/Isolated pieces). */
const PATTERNS = [
  '(?i)hello|WORLD',
  "(?i:'S|'T|'RE)|[a-c]+",
  '(?i:[a-cx-z]+)',
  'a(?i)b(?-i)c|(?i:Ǆ|σ|k)',
  '\\bis\\b|\\Bo',
  '\\x41|\\x{1F600}|\\u00e9|\\101',
  '\\p{Lu}+|\\P{L}+',
  '\\p{^L}+',
  '[^\\s]+',
  '\\S+|\\D|\\W+',
  '.+',
  '^\\s*|\\s*$',
  '(a)\\1|(b)(c)\\2',
  '(?<n>b)\\k<n>',
  'a{,2}|b{2}|c{1,}|x{',
  '[\\]a]+|[-z]|[z-]',
  '[[:space:]]+|[[:punct:]]+|[[:digit:]]',
  'a++|(?>\\s+)\\S|b*+c|[xy]?+',
  '\\A.|.\\z|\\Z',
  '\\t|\\n|\\r|\\f|\\v|\\e|\\a',
  '\\h+|\\H',
  '\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/\\-\\\'\\"',
  '\\p{Han}+|\\p{Hiragana}|\\p{Arabic}+|\\p{Devanagari}+|\\p{Emoji}',
  '\\w+|[^\\w\\s]+',
  '(?=a)|(?!b)x|(?<=c)d|(?<!e)f',
  // GPT-2's and Llama 3's patterns through the regex translation (the pre-tokenizers use scanners;
  // the unreachable `|\x00` keeps Split off its Llama 3 scanner).
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+|\\x00",
];

describe.each(PATTERNS)('%s', (source) => {
  const config = { type: 'Split', pattern: { Regex: source }, behavior: 'Isolated', invert: false };
  test('matches the reference on the samples', async () => {
    for (const text of [...SAMPLES, 'aa ab abc KELVIN \u212a \u017fs ss \u01c4\u01c5\u01c6 is this a bobo', 'e\n\nx\n', 'hello HeLLo WORLD world']) {
      const { ours, reference } = await compare(null, config, text);
      expect(ours, JSON.stringify(text)).toEqual(reference);
    }
  });
  test('… and on generated text', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (text) => {
        const { ours, reference } = await compare(null, config, text);
        expect(ours).toEqual(reference);
      }),
      { numRuns: runs(15) },
    );
  });
});

/** Patterns with empty matches and nested quantifiers, seen through Replace (empty matches insert text). */
const REPLACE_PATTERNS = ['a{2}?', 'a{2}+', 'a{1,2}+b?', 'a**', 'a+?', 'a*+', 'x*', '(?i)a|b', 'x(?i)a|b', '(?:x(?i)a)|b', '\\b', '$', '^'];

describe.each(REPLACE_PATTERNS)('Replace %s', (source) => {
  const config = { type: 'Replace', pattern: { Regex: source }, content: '<>' };
  test('matches the reference (text and alignment)', async () => {
    for (const text of [...SAMPLES, 'baaab', 'baaaaab xA B xB AB', 'aab\naa\n']) {
      const { ours, reference } = await compare(config, PER_CHARACTER, text);
      expect(ours, JSON.stringify(text)).toEqual(reference);
    }
  });
});

describe('translation', () => {
  test('Oniguruma classes become their Unicode meaning', () => {
    expect(translateOniguruma('\\s')).toBe('\\p{White_Space}');
    const digit = new RegExp(`^${translateOniguruma('\\d')}$`, 'u');
    expect(digit.test('\u0663')).toBe(true);
    // A Unicode 17 digit is unknown to the reference's Oniguruma (the engine may know it).
    expect(digit.test('\u{11de0}')).toBe(false);
    expect(translateOniguruma('(?i:s)')).toBe('(?:[sSſ])');
    expect(caseVariants('k').sort()).toEqual(['K', 'k', '\u212a']);
  });

  test.each([
    ['(?x)a b', '(?x'],
    ['[a&&b]', '&& class intersection'],
    ['[a[b]]', 'nested character class'],
    ['\\K', '\\K'],
    ['\\X', '\\X'],
    ['(?i:[à-ÿ])', 'case-insensitive non-ASCII range'],
    ['(a', '('],
    ['a)', ')'],
    ['*a', '*'],
    ['\\p{NoSuchProperty}', '\\p{NoSuchProperty}'],
  ])('%s is rejected, naming %s and the JSON path', (source, construct) => {
    const reader = JsonReader.at({ pattern: { Regex: source } }, '$.pre_tokenizer');
    let error: unknown;
    try {
      readPattern(reader, 'pattern');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenizerJsonError);
    expect((error as TokenizerJsonError).path).toBe('$.pre_tokenizer.pattern.Regex');
    expect((error as TokenizerJsonError).message).toContain(JSON.stringify(construct));
  });
});

describe('readPattern', () => {
  test('reads String and Regex, and writes them back', () => {
    const s = readPattern(JsonReader.at({ p: { String: 'a.b' } }, '$'), 'p');
    expect(s).toEqual({ kind: 'string', value: 'a.b' });
    expect(patternToJSON(s)).toEqual({ String: 'a.b' });
    const r = readPattern(JsonReader.at({ p: { Regex: '\\s+' } }, '$'), 'p');
    expect(r.kind).toBe('regex');
    expect(patternToJSON(r)).toEqual({ Regex: '\\s+' });
  });
  test.each([[{ p: 'x' }], [{ p: { Strin: 'x' } }], [{ p: { String: 'x', Regex: 'y' } }], [{ p: { String: 3 } }], [{}]])('rejects %j', (value) => {
    expect(() => readPattern(JsonReader.at(value, '$.normalizer'), 'p')).toThrow(TokenizerJsonError);
  });
});

describe('findMatches', () => {
  test('string patterns match literally, without overlap; the empty string matches everywhere', () => {
    expect(findMatches(stringPattern('aa'), 'aaaaa')).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(findMatches(stringPattern('.'), 'a.b')).toEqual([[1, 2]]);
    expect(findMatches(stringPattern(''), 'a😀')).toEqual([
      [0, 0],
      [1, 1],
      [3, 3],
    ]);
  });
  test('empty regex matches right after a match are skipped, as in Rust', () => {
    expect(findMatches(regexPattern('a*'), 'baaab')).toEqual([
      [0, 0],
      [1, 4],
      [5, 5],
    ]);
  });
  test('offsets are UTF-16 and never split a surrogate pair', () => {
    expect(findMatches(regexPattern('.'), '😀a')).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(findMatches(regexPattern('x*'), '😀')).toEqual([
      [0, 0],
      [2, 2],
    ]);
  });
  test('findSplits covers the text', () => {
    expect(findSplits(stringPattern('-'), 'a-b--')).toEqual([
      [0, 1, false],
      [1, 2, true],
      [2, 3, false],
      [3, 4, true],
      [4, 5, true],
    ]);
    expect(findSplits(stringPattern('-'), '')).toEqual([[0, 0, false]]);
  });
});
