/**
 * The contracts between the stages of a Hugging Face-style tokenizer pipeline:
 * normalizer → pre-tokenizer → model → post-processor, and the decoder on the way back.
 * Each stage is a small object with one job; `tokenizer.ts` wires them together.
 * Every stage also writes itself back as its tokenizer.json fragment (`toJSON`), so files round-trip.
 */
import type { NormalizedString } from './normalized-string.js';
import type { PreTokenizedString } from './pre-tokenized-string.js';
import type { TokenBuffer } from './token-buffer.js';
import type { EncodingBuilder } from './encoding-builder.js';

/** A tokenizer.json fragment: plain JSON data. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Rewrites the normalized text in place, keeping the alignment to the original (NFC, Lowercase, Replace…). */
export interface Normalizer {
  normalize(text: NormalizedString): void;
  toJSON(): JsonObject;
}

/** Splits the normalized text into pieces the model tokenizes one by one (Whitespace, ByteLevel, Split…). */
export interface PreTokenizer {
  preTokenize(text: PreTokenizedString): void;
  toJSON(): JsonObject;
}

/**
 * Turns one pre-token into vocabulary ids (BPE, WordPiece, Unigram, WordLevel).
 * `tokenize` appends to `out` one (id, start, end) per token; start/end are UTF-16 offsets into `sequence`.
 * A token's string is always `idToToken(id)`, so the model never builds per-token objects.
 */
export interface Model {
  tokenize(sequence: string, out: TokenBuffer): void;
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** Token → id for the whole vocabulary of the model (added tokens excluded). */
  getVocab(): Map<string, number>;
  getVocabSize(): number;
  toJSON(): JsonObject;
}

/** Adds special tokens and type ids around one or two encoded sequences (TemplateProcessing, BertProcessing…). */
export interface PostProcessor {
  /** How many tokens `process` adds for a single sequence (false) or a pair (true). */
  addedTokens(isPair: boolean): number;
  /**
   * Combines the encodings of the sequence(s) into one. With `addSpecialTokens` false only the
   * merging (and, for ByteLevel, offset trimming) happens.
   */
  process(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder;
  toJSON(): JsonObject;
}

/** Turns token strings back into text; `decodeChain` maps tokens to text pieces the next decoder sees. */
export interface Decoder {
  decodeChain(tokens: string[]): string[];
  toJSON(): JsonObject;
}
