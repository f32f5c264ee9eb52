/**
 * Token ↔ id tables shared by the models: reading a tokenizer.json `vocab` object with exact error
 * paths, the reverse (id → token) table, and writing the vocab back in id order as Rust does.
 */
import { TokenizerJsonError } from '../../errors.js';
import type { JsonReader } from '../json-reader.js';
import { kindOf } from '../json-reader.js';
import type { JsonObject } from '../stages.js';

/** Token → id, as given to a model constructor (a plain object is accepted for convenience). */
export type VocabInput = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** Maps read from a file by this module: the model may keep them instead of copying (256k entries for gemma). */
const freshlyRead = new WeakSet<Map<string, number>>();

/** The model's own copy of `vocab`. */
export function toVocabMap(vocab: VocabInput): Map<string, number> {
  if (vocab instanceof Map) {
    if (freshlyRead.has(vocab as Map<string, number>)) {
      freshlyRead.delete(vocab as Map<string, number>);
      return vocab as Map<string, number>;
    }
    return new Map(vocab);
  }
  return new Map(Object.entries(vocab as Record<string, number>));
}

/** Reads `reader[key]` as a `{ token: id }` object; every id must be a u32. */
export function readVocabObject(reader: JsonReader, key: string): Map<string, number> {
  const raw = reader.raw(key);
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    reader.fail(key, raw === undefined ? 'missing (expected an object of token → id)' : `expected an object of token → id, got ${kindOf(raw)}`);
  }
  const vocab = new Map<string, number>();
  for (const token in raw) {
    const id = raw[token];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw new TokenizerJsonError(`${reader.pathOf(key)}[${JSON.stringify(token)}]`, `expected a non-negative integer id, got ${kindOf(id)}`);
    }
    vocab.set(token, id);
  }
  freshlyRead.add(vocab);
  return vocab;
}

/** id → token. When two tokens share an id Rust's choice is unspecified; the later one wins here. */
export function reverseVocab(vocab: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [token, id] of vocab) out[id] = token;
  return out;
}

/**
 * The vocab as Rust serializes it: ordered by id, holes skipped.
 * (A JS object lists integer-like keys such as "0" first, so JSON.stringify cannot keep the id
 * order for those; the content is the same.)
 */
export function vocabToJSON(idToToken: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (let id = 0; id < idToToken.length; id++) {
    const token = idToToken[id];
    if (token !== undefined) out[token] = id;
  }
  return out;
}

/**
 * The token ↔ id lookups every vocabulary-based model (BPE, WordPiece, WordLevel) answers the same way;
 * the models extend it and keep only their tokenizing logic.
 */
export abstract class VocabModel {
  protected readonly vocab: Map<string, number>;
  protected readonly idToTokenTable: string[];

  protected constructor(vocab: VocabInput) {
    this.vocab = toVocabMap(vocab);
    this.idToTokenTable = reverseVocab(this.vocab);
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.idToTokenTable[id];
  }

  getVocab(): Map<string, number> {
    return new Map(this.vocab);
  }

  getVocabSize(): number {
    return this.vocab.size;
  }
}
