/** BPE options (prefix, suffix, unk, fuse_unk, byte_fallback, dropout, ignore_merges) against Rust, on small random vocabularies. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenizerJsonError } from '../../../src/errors.js';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { BPE, modelFromJSON } from '../../../src/hf/models/index.js';
import { BYTE_TOKENS } from '../../../src/hf/models/byte-tokens.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { TokenBuffer } from '../../../src/hf/token-buffer.js';
import { thrown } from '../../thrown.js';
import { mismatches, ourEncode, rustEncode, rustModelOnly } from './rust-reference.js';
import { bpeModelJson, seededRandom, syntheticBpe } from './synthetic-bpe.js';
import { HARD_WORDS, randomWords } from './words.js';

const CHARS = ['a', 'b', 'c', 'd', 'e', 'é', '日', '😀', '▁'];

/** Random words over the vocabulary's characters plus a few it lacks. */
function wordsOver(chars: string[], seed: number, count = 400): string[] {
  const random = seededRandom(seed);
  const pool = [...chars, 'z', '𝔘', 'ß'];
  const words: string[] = [...HARD_WORDS, ...randomWords(60, seed)];
  for (let k = 0; k < count; k++) {
    const length = 1 + Math.floor(random() * (k % 10 === 0 ? 40 : 9));
    let w = '';
    for (let i = 0; i < length; i++) w += pool[Math.floor(random() * (random() < 0.85 ? chars.length : pool.length))];
    words.push(w);
  }
  return words;
}

function ours(json: JsonObject): BPE {
  return modelFromJSON(JsonReader.at(json, '$.model')) as BPE;
}

const VARIANTS: {
  name: string;
  prefix?: string;
  suffix?: string;
  options: Partial<Record<string, string | boolean | number | null>>;
  extra?: string[];
  /** Compare ids and tokens only. */
  idsOnly?: boolean;
}[] = [
  { name: 'plain, no unk (unknowns dropped)', options: {} },
  { name: 'unk, not fused', options: { unk_token: '<unk>' }, extra: ['<unk>'] },
  { name: 'unk, fused', options: { unk_token: '<unk>', fuse_unk: true }, extra: ['<unk>'] },
  { name: 'continuing_subword_prefix', prefix: '##', options: { continuing_subword_prefix: '##', unk_token: '<unk>' }, extra: ['<unk>'] },
  { name: 'end_of_word_suffix', suffix: '</w>', options: { end_of_word_suffix: '</w>', unk_token: '<unk>', fuse_unk: true }, extra: ['<unk>'] },
  { name: 'prefix and suffix', prefix: '##', suffix: '</w>', options: { continuing_subword_prefix: '##', end_of_word_suffix: '</w>' } },
  { name: 'empty prefix and suffix (gpt2 files)', options: { continuing_subword_prefix: '', end_of_word_suffix: '' } },
  { name: 'byte_fallback', options: { byte_fallback: true, unk_token: '<unk>', fuse_unk: true }, extra: ['<unk>', ...BYTE_TOKENS] },
  // Some byte tokens missing: byte fallback fails for some characters only, and Rust emits the byte
  // tokens of a later character before a pending unknown.
  { name: 'byte_fallback with holes', options: { byte_fallback: true, unk_token: '<unk>', fuse_unk: true }, extra: ['<unk>', ...BYTE_TOKENS.filter((_, b) => b % 3 !== 0)] },
  { name: 'byte_fallback with holes, no unk', options: { byte_fallback: true }, extra: BYTE_TOKENS.filter((_, b) => b % 3 !== 0) },
  // Byte fallback of a prefixed piece spells the prefix bytes too, so Rust's offsets run past the end
  // of the word; ours are clamped to it (a known divergence, in a configuration no real model uses).
  { name: 'byte_fallback with prefix', prefix: '##', options: { byte_fallback: true, continuing_subword_prefix: '##' }, extra: BYTE_TOKENS.slice(), idsOnly: true },
  { name: 'ignore_merges', options: { ignore_merges: true, unk_token: '<unk>' }, extra: ['<unk>', 'abcabc', 'dé'] },
  { name: 'dropout 0', options: { dropout: 0 } },
  { name: 'dropout 1 (no merge survives)', options: { dropout: 1, unk_token: '<unk>' }, extra: ['<unk>'] },
];

describe.each(VARIANTS)('BPE $name', ({ prefix, suffix, options, extra, idsOnly }) => {
  it.each([1, 2, 3])('matches Rust on random vocabulary #%i', async (seed) => {
    const bpe = syntheticBpe({ seed, chars: CHARS, prefix, suffix, mergeCount: 60, extra });
    const json = bpeModelJson(bpe, options);
    const words = wordsOver(CHARS, seed * 10);
    if (idsOnly) {
      const expected = await rustEncode(rustModelOnly(json), words);
      const model = ours(json);
      expect(words.map((w) => ourEncode(model, w).tokens)).toEqual(expected.map((e) => e.tokens));
      return;
    }
    const bad = await mismatches(rustModelOnly(json), ours(json), words);
    expect(bad).toEqual([]);
  });
});

describe('BPE merges and serialization', () => {
  const bpe = syntheticBpe({ seed: 4, chars: CHARS, mergeCount: 40 });

  it('reads legacy "a b" merges like pairs', async () => {
    const legacy = { ...bpeModelJson(bpe), merges: ['#version: 0.2', ...bpe.merges.map(([a, b]) => `${a} ${b}`)] };
    const words = wordsOver(CHARS, 5);
    expect(await mismatches(rustModelOnly(legacy), ours(legacy), words)).toEqual([]);
    expect(ours(legacy).getMerges()).toEqual(bpe.merges);
  });

  it('writes the model Rust saves (same fields in the same order)', () => {
    const json = bpeModelJson(bpe, { unk_token: null, continuing_subword_prefix: '', fuse_unk: true });
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-bpe-'));
    rustModelOnly(json).save(join(dir, 'tokenizer.json'));
    const saved = (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: JsonObject }).model;
    const written = ours(json).toJSON();
    expect(Object.keys(written)).toEqual(Object.keys(saved));
    expect(written).toEqual(saved);
  });

  it('dropout with a seed is reproducible, and different seeds drop different merges', () => {
    const { vocab, merges } = bpe;
    const encodeAll = (seed: number): string => {
      const model = new BPE({ vocab, merges, dropout: 0.5, seed, cacheCapacity: 0 });
      const out = new TokenBuffer();
      for (const word of wordsOver(CHARS, 3, 200)) model.tokenize(word, out);
      return Array.from(out.ids.subarray(0, out.length)).join(',');
    };
    const noDropout = new BPE({ vocab, merges });
    const full = new TokenBuffer();
    for (const word of wordsOver(CHARS, 3, 200)) noDropout.tokenize(word, full);
    expect(encodeAll(7)).toBe(encodeAll(7));
    expect(encodeAll(7)).not.toBe(encodeAll(8));
    // Dropping merges can only leave more (smaller) tokens than merging greedily.
    expect(encodeAll(7).split(',').length).toBeGreaterThan(full.length);
  });

  it('keeps only the last rank of a duplicated merge, as Rust does', async () => {
    const [first, second] = bpe.merges;
    const json = { ...bpeModelJson(bpe), merges: [first!, ...bpe.merges, first!, second!] };
    expect(await mismatches(rustModelOnly(json), ours(json), wordsOver(CHARS, 6))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-bpe-'));
    rustModelOnly(json).save(join(dir, 'tokenizer.json'));
    const saved = (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: JsonObject }).model;
    expect(ours(json).toJSON().merges).toEqual(saved.merges);
  });

  it('rejects a merge whose token is not in the vocabulary, naming it (Rust rejects it too)', () => {
    const bad = { ...bpeModelJson(bpe), merges: [bpe.merges[0]!, ['a', 'zz']] };
    expect(() => rustModelOnly(bad)).toThrow(/out of vocabulary/);
    const error = thrown(() => ours(bad));
    expect(error).toBeInstanceOf(TokenizerJsonError);
    expect((error as TokenizerJsonError).path).toBe('$.model.merges[1]');
    expect((error as TokenizerJsonError).message).toMatch(/Token `zz` out of vocabulary/);
    const badResult = { ...bpeModelJson({ vocab: { a: 0, b: 1 }, merges: [] }), merges: [['a', 'b']] };
    expect((thrown(() => ours(badResult)) as TokenizerJsonError).message).toMatch(/\$\.model\.merges\[0\].*Token `ab` out of vocabulary/);
  });

  it('rejects malformed merges and dropout with their paths', () => {
    expect(() => ours({ ...bpeModelJson(bpe), merges: ['a b c'] })).toThrow(/\$\.model\.merges\[0\]/);
    expect(() => ours({ ...bpeModelJson(bpe), merges: [['a']] })).toThrow(/\$\.model\.merges\[0\]/);
    expect(() => ours({ ...bpeModelJson(bpe), dropout: 1.5 })).toThrow(/\$\.model\.dropout.*between 0 and 1/);
    expect(() => ours({ ...bpeModelJson(bpe), vocab: { a: -1 } })).toThrow(/\$\.model\.vocab\["a"\]/);
  });

  it('fails at encode time when the unk token is not in the vocabulary, like Rust', async () => {
    const json = bpeModelJson(bpe, { unk_token: '<missing>' });
    await expect(rustModelOnly(json).encode('az', null)).rejects.toThrow(/not found in the vocabulary/);
    expect(() => ourEncode(ours(json), 'az')).toThrow(/Unk token `<missing>` not found/);
    expect(ourEncode(ours(json), 'ab').ids.length).toBeGreaterThan(0);
  });

  it('is built programmatically (the trainer path) and reports bad merges as options', () => {
    const model = new BPE({ vocab: bpe.vocab, merges: bpe.merges });
    const out = new TokenBuffer();
    model.tokenize('abcde', out);
    expect(out.length).toBeGreaterThan(0);
    expect(() => new BPE({ vocab: { a: 0 }, merges: [['a', 'a']] })).toThrow(/Invalid option merges\[0\]: Token `aa` out of vocabulary/);
  });

  it('applies seeded dropout reproducibly', () => {
    const make = () => new BPE({ vocab: bpe.vocab, merges: bpe.merges, dropout: 0.5, random: seededRandom(99) });
    const words = wordsOver(CHARS, 8, 50);
    const run = (m: BPE) => words.map((w) => ourEncode(m, w).ids.join(','));
    expect(run(make())).toEqual(run(make()));
  });
});
