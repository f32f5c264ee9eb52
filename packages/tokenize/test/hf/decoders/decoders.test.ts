/**
 * Every decoder against the Rust `tokenizers` package: a Rust tokenizer with a WordLevel vocabulary
 * of the test tokens and the decoder under test decodes the ids; ours decodes the token strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import tokenizers from 'tokenizers';
import { BYTE_TO_CHAR } from '../../../src/hf/byte-level.js';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { BaseDecoder, ByteFallbackDecoder, decode, decoderFromJSON, FuseDecoder, MetaspaceDecoder, ReplaceDecoder, SequenceDecoder, StripDecoder } from '../../../src/hf/decoders/index.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { rustTokenizerOf } from '../models/rust-reference.js';

const POOL = [
  'a', 'b', 'hello', 'world', '##s', '##ing', '##', '▁', '▁▁', '▁a', '▁the', 'a▁b', '<0x61>', '<0xE3>', '<0x81>',
  '<0x82>', '<0xFF>', '<0x+F>', '<0xf0>', '<0x9F>', '<0x98>', '<0x80>', '<0x0A>', '<0xEF>', '<0xBB>', '<0xBF>',
  '<0x>', '<0x123>', 'Ġ', 'Ġthe', 'Ã', '©', 'ï»¿', 'ðŁĺĢ', '😀', '.', ',', ' .', ' ,', ' ?', '!', "'", "' ", ' s',
  's', "n't", ' do not', 'do', 'not', ' do', "'m", '<pad>', '|', '</w>', 'ab</w>', '</w>c', ' ', '  ', 'x', ' x ',
  'é', '日本', '😀▁😀', ' a', 'a ', '\u0000',
];

/** Distinct test tokens as a WordLevel vocab (ids in order). */
function vocabOf(tokens: readonly string[]): Record<string, number> {
  const vocab: Record<string, number> = {};
  let id = 0;
  for (const t of tokens) if (!Object.hasOwn(vocab, t)) vocab[t] = id++;
  return vocab;
}

async function rustDecodeAll(decoder: JsonObject, cases: string[][]): Promise<string[]> {
  const vocab = vocabOf(['<unk>', ...cases.flat()]);
  const tok = rustTokenizerOf({ decoder, model: { type: 'WordLevel', vocab, unk_token: '<unk>' } });
  return Promise.all(cases.map((tokens) => tok.decode(tokens.map((t) => vocab[t]!), false)));
}

function randomCases(seed: number, pool: readonly string[] = POOL, count = 300): string[][] {
  return fc.sample(fc.array(fc.constantFrom(...pool), { maxLength: 8 }), { seed, numRuns: count });
}

/** Random byte-level tokens: random bytes spelled with GPT-2's alphabet (invalid UTF-8 included). */
function byteLevelCases(seed: number): string[][] {
  const token = fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes) => Array.from(bytes, (b) => BYTE_TO_CHAR[b]).join(''));
  const utf8Token = fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }).map((s) => Array.from(new TextEncoder().encode(s), (b) => BYTE_TO_CHAR[b]).join(''));
  return fc.sample(fc.array(fc.oneof(token, utf8Token, fc.constantFrom(...POOL)), { maxLength: 8 }), { seed, numRuns: 400 });
}

const FIXED: string[][] = [[], [''], ['a'], POOL.slice(), ['▁hello', '▁world'], ['<0xE3>', '<0x81>', '<0x82>', 'x', '<0xE3>']];

const CONFIGS: { name: string; json: JsonObject; cases?: string[][] }[] = [
  { name: 'ByteLevel', json: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true }, cases: byteLevelCases(1) },
  { name: 'WordPiece', json: { type: 'WordPiece', prefix: '##', cleanup: true } },
  { name: 'WordPiece without cleanup', json: { type: 'WordPiece', prefix: '##', cleanup: false } },
  { name: 'WordPiece empty prefix', json: { type: 'WordPiece', prefix: '', cleanup: true } },
  { name: 'Metaspace always', json: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true } },
  { name: 'Metaspace first', json: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false } },
  { name: 'Metaspace never', json: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'never', split: true } },
  { name: 'Metaspace legacy', json: { type: 'Metaspace', replacement: '▁', add_prefix_space: true } },
  { name: 'Metaspace astral', json: { type: 'Metaspace', replacement: '😀', prepend_scheme: 'always', split: true } },
  { name: 'BPEDecoder', json: { type: 'BPEDecoder', suffix: '</w>' } },
  { name: 'BPEDecoder empty suffix', json: { type: 'BPEDecoder', suffix: '' } },
  { name: 'ByteFallback', json: { type: 'ByteFallback' } },
  { name: 'Fuse', json: { type: 'Fuse' } },
  { name: 'Strip', json: { type: 'Strip', content: ' ', start: 1, stop: 0 } },
  { name: 'Replace string', json: { type: 'Replace', pattern: { String: '▁' }, content: ' ' } },
  { name: 'Replace empty string', json: { type: 'Replace', pattern: { String: '' }, content: '-' } },
  { name: 'Replace regex', json: { type: 'Replace', pattern: { Regex: '\\s+' }, content: '_' } },
  { name: 'Replace regex empty match', json: { type: 'Replace', pattern: { Regex: 'a*' }, content: '-' } },
  { name: 'CTC', json: { type: 'CTC', pad_token: '<pad>', word_delimiter_token: '|', cleanup: true } },
  { name: 'CTC without cleanup', json: { type: 'CTC', pad_token: '<pad>', word_delimiter_token: '|', cleanup: false } },
  {
    name: 'Sequence (llama2)',
    json: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: '▁' }, content: ' ' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
        { type: 'Strip', content: ' ', start: 1, stop: 0 },
      ],
    },
  },
  {
    name: 'Sequence (gemma)',
    json: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }] },
  },
];

describe.each(CONFIGS)('decoder $name', ({ json, cases }) => {
  const all = [...FIXED, ...(cases ?? randomCases(42))];

  it(`decodes ${all.length} token lists like Rust`, async () => {
    const expected = await rustDecodeAll(json, all);
    const ours = decoderFromJSON(JsonReader.at(json, '$.decoder'));
    const bad = all.map((tokens, k) => ({ tokens, rust: expected[k], ours: decode(ours, tokens) })).filter((c) => c.rust !== c.ours);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('writes back the same JSON', () => {
    const ours = decoderFromJSON(JsonReader.at(json, '$.decoder'));
    const expected = json.type === 'Metaspace' && !('prepend_scheme' in json) ? { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true } : json;
    expect(ours.toJSON()).toEqual(expected);
  });
});

describe('Strip', () => {
  // Rust panics where the cuts cross, so only safe shapes are compared; ours returns "" there.
  const safe = (content: string, start: number, stop: number) => (tokens: string[]) =>
    tokens.every((t) => {
      const chars = Array.from(t);
      let s = 0;
      while (s < start && s < chars.length && chars[s] === content) s++;
      let e = chars.length;
      for (let i = 0; i < stop; i++) {
        const index = chars.length - i - 1;
        if (index < 0) return false;
        if (chars[index] !== content) break;
        e = index;
      }
      return s <= e;
    });

  it.each([
    [' ', 2, 2],
    ['▁', 1, 1],
    ['x', 0, 3],
  ])('strips %j (start %i, stop %i) like Rust', async (content, start, stop) => {
    const json = { type: 'Strip', content, start, stop };
    const all = [...FIXED, ...randomCases(5, [...POOL, 'xx', 'xax', '  a  ', '▁▁a▁▁', 'x x'])].filter(safe(content, start, stop));
    const expected = await rustDecodeAll(json, all);
    const ours = decoderFromJSON(JsonReader.at(json, '$.decoder'));
    expect(all.map((tokens) => decode(ours, tokens))).toEqual(expected);
  });

  it('returns "" where Rust would panic', () => {
    const ours = decoderFromJSON(JsonReader.at({ type: 'Strip', content: '▁', start: 1, stop: 1 }, '$.decoder'));
    expect(ours.decodeChain(['▁', 'x▁'])).toEqual(['', 'x']);
  });
});

describe('decoderFromJSON errors', () => {
  it('names the path of a bad field', () => {
    expect(() => decoderFromJSON(JsonReader.at({ type: 'Strip', content: 'ab', start: 1, stop: 0 }, '$.decoder'))).toThrow(/\$\.decoder\.content/);
    expect(() => decoderFromJSON(JsonReader.at({ type: 'Sequence', decoders: [{ type: 'Nope' }] }, '$.decoder'))).toThrow(/\$\.decoder\.decoders\[0\]\.type.*unsupported decoder "Nope"/);
    expect(() => decoderFromJSON(JsonReader.at({ type: 'Metaspace', replacement: '▁', add_prefix_space: false }, '$.decoder'))).toThrow(/add_prefix_space does not match/);
    expect(() => decoderFromJSON(JsonReader.at({ type: 'WordPiece', prefix: '##' }, '$.decoder'))).toThrow(/\$\.decoder\.cleanup/);
  });

  it('reads legacy add_prefix_space false with prepend_scheme never', () => {
    const d = decoderFromJSON(JsonReader.at({ type: 'Metaspace', replacement: '▁', prepend_scheme: 'never', add_prefix_space: false }, '$.decoder'));
    expect(decode(d, ['▁a', '▁b'])).toBe(' a b');
  });
});

describe('npm decoder factories agree', () => {
  it('matches the factory-built decoders on the pool', () => {
    const cases = randomCases(9);
    const pairs = [
      [tokenizers.wordPieceDecoder('##', true), { type: 'WordPiece', prefix: '##', cleanup: true }],
      [tokenizers.metaspaceDecoder('▁', 'first', true), { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: true }],
      [tokenizers.bpeDecoder('</w>'), { type: 'BPEDecoder', suffix: '</w>' }],
      [tokenizers.byteFallbackDecoder(), { type: 'ByteFallback' }],
      [tokenizers.fuseDecoder(), { type: 'Fuse' }],
      [tokenizers.replaceDecoder('▁', ' '), { type: 'Replace', pattern: { String: '▁' }, content: ' ' }],
      [tokenizers.ctcDecoder('<pad>', '|', true), { type: 'CTC', pad_token: '<pad>', word_delimiter_token: '|', cleanup: true }],
    ] as const;
    for (const [rust, json] of pairs) {
      const ours = decoderFromJSON(JsonReader.at(json as JsonObject, '$.decoder'));
      for (const tokens of cases) expect(decode(ours, tokens)).toBe(rust.decode(tokens));
    }
  });
});

describe('programmatic decoders', () => {
  it('build the llama decoder and decode with the decode method', () => {
    const llama = new SequenceDecoder([new ReplaceDecoder('▁', ' '), new ByteFallbackDecoder(), new FuseDecoder(), new StripDecoder(' ', 1, 0)]);
    expect(llama).toBeInstanceOf(BaseDecoder);
    expect(llama.decode(['▁Hello', '▁', '<0xE2>', '<0x9C>', '<0x93>', '!'])).toBe('Hello ✓!');
    expect(new MetaspaceDecoder({ prependScheme: 'never' }).decode(['▁a', '▁b'])).toBe(' a b');
  });
});
