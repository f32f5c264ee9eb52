/** Unigram against the Rust `tokenizers` package: a fixture, a vocabulary Rust trains, byte fallback, ties. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tokenizers from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { TokenizerJsonError } from '../../../src/errors.js';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { BYTE_TOKENS, modelFromJSON, Unigram } from '../../../src/hf/models/index.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { thrown } from '../../thrown.js';
import { fixtureText, mismatches, ourEncode, rustEncode, rustModelOnly } from './rust-reference.js';
import { seededRandom } from './synthetic-bpe.js';
import { corpusWords, HARD_WORDS, metaspace, randomWords } from './words.js';

const load = (json: JsonObject) => modelFromJSON(JsonReader.at(json, '$.model'));

/** A Unigram vocabulary trained by Rust on the shared corpus (no unk: Rust's default trainer adds none). */
function trainedModel(): JsonObject {
  const dir = mkdtempSync(join(tmpdir(), 'nlpkit-unigram-'));
  const tok = new tokenizers.Tokenizer(tokenizers.Unigram.empty());
  tok.train([fileURLToPath(new URL('../fixtures/corpus.txt', import.meta.url))]);
  tok.save(join(dir, 'tokenizer.json'));
  return (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: JsonObject }).model;
}

const trained = trainedModel();
const trainedVocab = trained.vocab as [string, number][];
const t5 = (JSON.parse(fixtureText('t5.json')) as { model: JsonObject }).model;

const raw = [...HARD_WORDS, ...corpusWords(), ...randomWords(200, 11), 'a<unk>b', '<unk><unk>', '日本日本', 'abcabc', 'é😀é'];
const words = [...raw, ...raw.map(metaspace), ...corpusWords().map((w) => w.toLowerCase())];

const TIES: [string, number][] = [
  ['<unk>', 0], ['a', -1], ['b', -1], ['ab', -2], ['c', -1], ['bc', -2], ['abc', -3], ['é', -1], ['日本', -2], ['日', -1], ['本', -1], ['😀', -1], ['😀😀', -2], ['<unk>x', -1],
];

const configs: [string, JsonObject][] = [
  ['t5 fixture (unk_id 2)', t5],
  ['trained + unk', { type: 'Unigram', unk_id: trainedVocab.length, vocab: [...trainedVocab, ['<unk>', 0]], byte_fallback: false }],
  ['trained + unk + byte fallback', { type: 'Unigram', unk_id: 0, vocab: [['<unk>', 0], ...trainedVocab, ...BYTE_TOKENS.map((t) => [t, -20])], byte_fallback: true }],
  ['byte fallback with holes', { type: 'Unigram', unk_id: 0, vocab: [['<unk>', 0], ...trainedVocab, ...BYTE_TOKENS.filter((_, b) => b % 4 !== 1).map((t) => [t, -20])], byte_fallback: true }],
  ['equal scores (ties)', { type: 'Unigram', unk_id: 0, vocab: TIES, byte_fallback: false }],
];

describe('Unigram', () => {
  it.each(configs)('%s: gives Rust ids, tokens and offsets', async (_, json) => {
    const model = load(json);
    expect(model).toBeInstanceOf(Unigram);
    expect(await mismatches(rustModelOnly(json), model, words)).toEqual([]);
  });

  it('without unk_id, fails exactly where Rust fails', async () => {
    const rust = rustModelOnly(trained);
    const model = load(trained);
    for (const word of words.slice(0, 400)) {
      const expected = await rust.encode(word, null).then(
        (e) => e.getTokens(),
        () => 'error',
      );
      let actual: string[] | string;
      try {
        actual = ourEncode(model, word).tokens;
      } catch (e) {
        expect(String(e)).toMatch(/unk_id` is missing/);
        actual = 'error';
      }
      expect([word, actual]).toEqual([word, expected]);
    }
  });

  it('writes the model Rust saves', () => {
    const json = configs[2]![1];
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-unigram-'));
    rustModelOnly(json).save(join(dir, 'tokenizer.json'));
    const saved = (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: JsonObject }).model;
    const written = load(json).toJSON();
    expect(Object.keys(written)).toEqual(Object.keys(saved));
    expect(written).toEqual(saved);
  });

  it("reads scores as Rust's JSON parser does (sometimes one ulp off JSON.parse)", () => {
    const random = seededRandom(5);
    const scores = Array.from({ length: 3000 }, (_, k) => (k % 3 === 0 ? -random() * 20 : k % 3 === 1 ? -random() * 1e-5 : -random() * 1e6));
    const json: JsonObject = { type: 'Unigram', unk_id: 0, vocab: scores.map((s, i) => [`p${i}`, s]), byte_fallback: false };
    const dir = mkdtempSync(join(tmpdir(), 'nlpkit-unigram-'));
    rustModelOnly(json).save(join(dir, 'tokenizer.json'));
    const saved = (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: { vocab: [string, number][] } }).model.vocab;
    const ours = (load(json) as Unigram).getPieces();
    expect(ours.filter(([, s], i) => s !== saved[i]![1])).toEqual([]);
    expect(saved.filter(([, s], i) => s !== scores[i]).length).toBeGreaterThan(0);
  });

  it('rejects a bad unk_id or vocab entry with its path', () => {
    const error = thrown(() => load({ type: 'Unigram', unk_id: 5, vocab: [['a', 0]] }));
    expect(error).toBeInstanceOf(TokenizerJsonError);
    expect((error as TokenizerJsonError).path).toBe('$.model.unk_id');
    expect(() => load({ type: 'Unigram', unk_id: 0, vocab: [] })).toThrow(/\$\.model\.vocab.*empty/);
    expect(() => load({ type: 'Unigram', unk_id: 0, vocab: [['a', 0], ['b']] })).toThrow(/\$\.model\.vocab\[1\]/);
  });

  it('is built programmatically (the trainer path)', async () => {
    const model = new Unigram({ vocab: TIES, unkId: 0 });
    const expected = await rustEncode(rustModelOnly({ type: 'Unigram', unk_id: 0, vocab: TIES, byte_fallback: false }), ['abcxx😀😀'])
    expect(ourEncode(model, 'abcxx😀😀')).toEqual(expected[0]);
    expect(model.getVocabSize()).toBe(TIES.length);
    expect(model.idToToken(3)).toBe('ab');
    expect(model.tokenToId('bc')).toBe(5);
  });
});
