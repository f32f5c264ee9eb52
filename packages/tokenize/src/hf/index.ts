/**
 * Hugging Face `tokenizers`-compatible pipeline: load a tokenizer.json and get the same ids, tokens
 * and offsets as the Rust library. `Tokenizer` is the entry point; the stage classes (normalizers,
 * pre-tokenizers, models, post-processors, decoders) live in the sub-folders.
 */
export { Tokenizer, type BatchInput, type DecodeOptions, type HfEncodeOptions } from './tokenizer.js';
export type { Encoding, OffsetUnit } from './encoding.js';
export type { AddedToken, AddedTokenInput } from './added-vocabulary.js';
export type { TokenizerParts } from './serialization.js';
export type { TruncationOptions, TruncationParams, TruncationStrategy } from './truncation.js';
export type { PaddingOptions, PaddingParams } from './padding.js';
export type { Direction } from './encoding-builder.js';
export type { Decoder, JsonObject, JsonValue, Model, Normalizer, PostProcessor, PreTokenizer } from './stages.js';
export {
  BertProcessing,
  ByteLevelProcessing,
  postProcessorFromJSON,
  RobertaProcessing,
  SequenceProcessing,
  TemplateProcessing,
  type TemplatePiece,
  type TemplateSpecialToken,
} from './post-processors/index.js';

// The stages, grouped like the modules of Python's `tokenizers` package.
export * as normalizers from './normalizers/index.js';
export * as preTokenizers from './pre-tokenizers/index.js';
export * as models from './models/index.js';
export * as processors from './post-processors/index.js';
export * as decoders from './decoders/index.js';
