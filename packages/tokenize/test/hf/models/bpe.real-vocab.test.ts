/** BPE on real vocabularies (gpt2, llama2, llama3, gemma) against the Rust `tokenizers` package. */
import { describe, expect, it } from 'vitest';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { BPE, modelFromJSON } from '../../../src/hf/models/index.js';
import type { JsonObject } from '../../../src/hf/stages.js';
import { lenmlTokenizerJson, mismatches, rustModelOnly } from './rust-reference.js';
import { byteLevel, corpusWords, HARD_WORDS, metaspace, randomWords } from './words.js';

const cases = [
  { name: 'gpt2', spell: byteLevel, prefix: ' ' },
  { name: 'llama2', spell: metaspace, prefix: '' },
  { name: 'llama3', spell: byteLevel, prefix: ' ' },
  { name: 'gemma', spell: metaspace, prefix: '' },
] as const;

describe.each(cases)('BPE $name', ({ name, spell, prefix }) => {
  const model = lenmlTokenizerJson(name).model as JsonObject;
  const ours = modelFromJSON(JsonReader.at(model, '$.model'));
  const rust = rustModelOnly(model);
  const raw = [...HARD_WORDS, ...corpusWords(), ...randomWords(300, 7)];
  const words = [...raw, ...raw.map((w) => spell(prefix + w)), ...raw.map((w) => spell(w))];

  it('loads as a BPE with the options of the file', () => {
    expect(ours).toBeInstanceOf(BPE);
    expect(ours.getVocabSize()).toBe(rust.getVocabSize(false));
  });

  it(`gives Rust's ids, tokens and offsets on ${words.length} words`, async () => {
    expect(await mismatches(rust, ours, words)).toEqual([]);
    // Second pass goes through the word cache.
    expect(await mismatches(rust, ours, words.slice(0, 200))).toEqual([]);
  });

  it('maps tokens and ids both ways like Rust', () => {
    for (const id of [0, 1, 100, 1000, 31999]) {
      expect(ours.idToToken(id)).toBe(rust.idToToken(id) ?? undefined);
      const token = rust.idToToken(id);
      if (token !== null) expect(ours.tokenToId(token)).toBe(rust.tokenToId(token));
    }
  });
});
