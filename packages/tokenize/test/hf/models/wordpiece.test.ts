/** WordPiece and WordLevel against the Rust `tokenizers` package. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { modelFromJSON, WordLevel, WordPiece } from '../../../src/hf/models/index.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { fixtureText, mismatches, ourEncode, rustModelOnly } from './rust-reference.js';
import { corpusWords, HARD_WORDS, randomWords } from './words.js';

const load = (json: JsonObject) => modelFromJSON(JsonReader.at(json, '$.model'));

function savedModel(json: JsonObject): JsonObject {
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-model-'));
  rustModelOnly(json).save(join(dir, 'tokenizer.json'));
  return (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: JsonObject }).model;
}

/** A vocabulary with multi-byte and astral pieces, continuation pieces and the unknown token. */
const SMALL_VOCAB: Record<string, number> = Object.fromEntries(
  ['[UNK]', 'a', 'b', 'ab', 'abc', '##a', '##b', '##c', '##bc', 'é', '##é', 'café', '##s', '日', '##本', '日本', '😀', '##😀', 'un', '##believ', '##able', '##ly', 'x'].map((t, i) => [t, i]),
);

const words = [...HARD_WORDS, ...corpusWords(), ...randomWords(200, 3), 'abcbc', 'ab😀😀', 'cafés', '日本本', 'unbelievably', 'xa', 'aé', 'abc'.repeat(40), '😀'.repeat(5), '😀'.repeat(6), 'ab😀😀😀', 'a😀', '😀##😀'];

describe('WordPiece', () => {
  const fixtures = ['bert-cased.json', 'bert-uncased.json'].map((f) => (JSON.parse(fixtureText(f)) as { model: JsonObject }).model);
  const configs: [string, JsonObject][] = [
    ['bert-cased fixture', fixtures[0]!],
    ['bert-uncased fixture', fixtures[1]!],
    ['small vocab', { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: SMALL_VOCAB }],
    ['max 5 chars', { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 5, vocab: SMALL_VOCAB }],
    ['empty prefix', { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '', max_input_chars_per_word: 100, vocab: SMALL_VOCAB }],
  ];

  it.each(configs)('%s: gives Rust ids, tokens and offsets', async (_, json) => {
    const model = load(json);
    expect(model).toBeInstanceOf(WordPiece);
    const vocabWords = Object.keys(json.vocab as object).slice(0, 300);
    expect(await mismatches(rustModelOnly(json), model, [...words, ...vocabWords, ...vocabWords.map((w) => w + w)])).toEqual([]);
  });

  it('writes the model Rust saves', () => {
    const json = configs[3]![1];
    const written = load(json).toJSON();
    const saved = savedModel(json);
    expect(Object.keys(written)).toEqual(Object.keys(saved));
    expect(written).toEqual(saved);
  });

  it('fails like Rust when it needs [UNK] and the vocab lacks it', async () => {
    const json: JsonObject = { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: { a: 0 } };
    await expect(rustModelOnly(json).encode('b', null)).rejects.toThrow(/Missing \[UNK\] token/);
    expect(() => ourEncode(load(json), 'b')).toThrow(/Missing \[UNK\] token/);
    expect(ourEncode(load(json), 'a').ids).toEqual([0]);
  });

  it('requires every field, with its path', () => {
    expect(() => load({ type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', vocab: {} })).toThrow(/\$\.model\.max_input_chars_per_word/);
  });

  it('is built programmatically with Rust defaults', () => {
    const model = new WordPiece({ vocab: SMALL_VOCAB });
    expect(model.toJSON()).toMatchObject({ unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100 });
    expect(ourEncode(model, 'abcbc').tokens).toEqual(['abc', '##bc']);
  });
});

describe('WordLevel', () => {
  const json: JsonObject = { type: 'WordLevel', vocab: { '<unk>': 0, hello: 1, 'café': 2, '😀': 3, '': 4 }, unk_token: '<unk>' };

  it('gives Rust ids, tokens and offsets', async () => {
    const model = load(json);
    expect(model).toBeInstanceOf(WordLevel);
    expect(await mismatches(rustModelOnly(json), model, [...words.filter((w) => w !== ''), 'hello', 'café', '😀'])).toEqual([]);
  });

  it('writes the model Rust saves', () => {
    const written = load(json).toJSON();
    const saved = savedModel(json);
    expect(Object.keys(written)).toEqual(Object.keys(saved));
    expect(written).toEqual(saved);
  });

  it('fails like Rust without the unknown token', async () => {
    const noUnk: JsonObject = { type: 'WordLevel', vocab: { a: 0 }, unk_token: '<unk>' };
    await expect(rustModelOnly(noUnk).encode('b', null)).rejects.toThrow(/Missing \[UNK\] token/);
    expect(() => ourEncode(load(noUnk), 'b')).toThrow(/WordLevel: Missing <unk> token/);
  });

  it('recognizes legacy files without "type" by their fields', () => {
    expect(load({ vocab: { a: 0 }, unk_token: '<unk>' })).toBeInstanceOf(WordLevel);
    expect(load({ vocab: { a: 0 }, unk_token: '<unk>', continuing_subword_prefix: '##', max_input_chars_per_word: 10 })).toBeInstanceOf(WordPiece);
    expect(() => load({ type: 'Nope', vocab: {} })).toThrow(/\$\.model\.type: unsupported model "Nope"; supported: BPE, WordPiece, WordLevel, Unigram/);
  });
});
