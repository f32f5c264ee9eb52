/**
 * Test helper: runs a model through the Rust `tokenizers` package (a tokenizer.json holding only the
 * model, so each input reaches the model whole) and through ours, in the same shape.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tokenizers from 'tokenizers';
import type { JsonObject, Model } from '../../../src/hf/stages.js';
import { TokenBuffer } from '../../../src/hf/token-buffer.js';

export interface Encoded {
  ids: number[];
  tokens: string[];
  /** UTF-16 offsets. */
  offsets: [number, number][];
}

export type RustTokenizer = InstanceType<typeof tokenizers.Tokenizer>;

/** A Rust tokenizer from `parts` of a tokenizer.json; every stage not given is null. */
export function rustTokenizerOf(parts: { model: JsonObject; decoder?: JsonObject | null }): RustTokenizer {
  return tokenizers.Tokenizer.fromString(
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: null,
      post_processor: null,
      decoder: parts.decoder ?? null,
      model: parts.model,
    }),
  );
}

/** A Rust tokenizer with `model` and nothing else. */
export function rustModelOnly(model: JsonObject): RustTokenizer {
  return rustTokenizerOf({ model });
}

/** Rust's encodings of `words`, offsets converted from code points to UTF-16. */
export async function rustEncode(tokenizer: RustTokenizer, words: string[]): Promise<Encoded[]> {
  const encodings = await tokenizer.encodeBatch(words);
  return encodings.map((e, k) => {
    const units = codePointToUnit(words[k]!);
    return {
      ids: e.getIds(),
      tokens: e.getTokens(),
      offsets: e.getOffsets().map(([s, t]) => [units[s!]!, units[t!]!] as [number, number]),
    };
  });
}

/** Models whose token string can differ from idToToken (Unigram's unknowns). */
interface WithTokenText {
  tokenText(sequence: string, id: number, start: number, end: number): string | undefined;
}

export function ourEncode(model: Model, word: string): Encoded {
  const out = new TokenBuffer(4);
  model.tokenize(word, out);
  const ids = Array.from(out.ids.subarray(0, out.length));
  const text = (id: number, t: number) =>
    'tokenText' in model ? (model as Model & WithTokenText).tokenText(word, id, out.starts[t]!, out.ends[t]!) : model.idToToken(id);
  return {
    ids,
    tokens: ids.map((id, t) => text(id, t) ?? `<no token ${id}>`),
    offsets: ids.map((_, t) => [out.starts[t]!, out.ends[t]!] as [number, number]),
  };
}

/** Compares all words; returns the mismatches (empty when identical) for a readable failure. */
export async function mismatches(
  rust: RustTokenizer,
  model: Model,
  words: string[],
): Promise<{ word: string; rust: Encoded; ours: Encoded }[]> {
  const expected = await rustEncode(rust, words);
  const bad: { word: string; rust: Encoded; ours: Encoded }[] = [];
  words.forEach((word, k) => {
    const ours = ourEncode(model, word);
    if (JSON.stringify(ours) !== JSON.stringify(expected[k])) bad.push({ word, rust: expected[k]!, ours });
  });
  return bad.slice(0, 5);
}

function codePointToUnit(word: string): number[] {
  const units = [0];
  let unit = 0;
  for (const ch of word) {
    unit += ch.length;
    units.push(unit);
  }
  return units;
}

/** The tokenizer.json of one of the @lenml packages (gpt2, llama2, llama3, gemma). */
export function lenmlTokenizerJson(name: 'gpt2' | 'llama2' | 'llama3' | 'gemma'): JsonObject {
  const url = new URL(`../../../node_modules/@lenml/tokenizer-${name}/models/tokenizer.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as JsonObject;
}

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
}
