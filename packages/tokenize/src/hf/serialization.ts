/**
 * tokenizer.json ⇄ tokenizer parts. Reading goes field by field through JsonReader so a bad value is
 * reported with its JSON path; writing follows Rust's `serialization.rs` key order (version,
 * truncation, padding, added_tokens, normalizer, pre_tokenizer, post_processor, decoder, model).
 */
import { TokenizerJsonError } from '../errors.js';
import { AddedVocabulary, type AddedToken } from './added-vocabulary.js';
import { decoderFromJSON } from './decoders/index.js';
import { JsonReader } from './json-reader.js';
import { modelFromJSON } from './models/index.js';
import { normalizerFromJSON } from './normalizers/index.js';
import { paddingFromJSON, paddingToJSON, type PaddingParams } from './padding.js';
import { postProcessorFromJSON } from './post-processors/index.js';
import { preTokenizerFromJSON } from './pre-tokenizers/index.js';
import type { Decoder, JsonObject, Model, Normalizer, PostProcessor, PreTokenizer } from './stages.js';
import { truncationFromJSON, truncationToJSON, type TruncationParams } from './truncation.js';

/** Everything a tokenizer is made of. */
export interface TokenizerParts {
  model: Model;
  normalizer?: Normalizer | null;
  preTokenizer?: PreTokenizer | null;
  postProcessor?: PostProcessor | null;
  decoder?: Decoder | null;
  addedTokens?: readonly AddedToken[];
  truncation?: TruncationParams | null;
  padding?: PaddingParams | null;
}

export function partsFromJSON(json: unknown): TokenizerParts {
  const root = JsonReader.at(json, '$');
  const version = root.string('version', '1.0');
  if (version !== '1.0') root.fail('version', `unknown tokenizer version ${JSON.stringify(version)} (expected "1.0")`);
  if (!root.has('model')) root.fail('model', 'missing (every tokenizer needs a model)');
  const optional = <T>(key: string, read: (r: JsonReader) => T): T | null => {
    const r = root.optionalObject(key);
    return r === null ? null : read(r);
  };
  return {
    truncation: optional('truncation', truncationFromJSON),
    padding: optional('padding', paddingFromJSON),
    addedTokens: root.has('added_tokens') ? AddedVocabulary.readTokens(root) : [],
    normalizer: optional('normalizer', normalizerFromJSON),
    preTokenizer: optional('pre_tokenizer', preTokenizerFromJSON),
    postProcessor: optional('post_processor', postProcessorFromJSON),
    decoder: optional('decoder', decoderFromJSON),
    model: modelFromJSON(root.object('model')),
  };
}

/** Parses tokenizer.json text; a syntax error is reported at `$`. */
export function parseTokenizerJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new TokenizerJsonError('$', `not valid JSON: ${(e as Error).message}`);
  }
}

export function partsToJSON(parts: {
  truncation: TruncationParams | null;
  padding: PaddingParams | null;
  added: AddedVocabulary;
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  postProcessor: PostProcessor | null;
  decoder: Decoder | null;
  model: Model;
}): JsonObject {
  return {
    version: '1.0',
    truncation: parts.truncation && truncationToJSON(parts.truncation),
    padding: parts.padding && paddingToJSON(parts.padding),
    added_tokens: parts.added.toJSON(),
    normalizer: parts.normalizer?.toJSON() ?? null,
    pre_tokenizer: parts.preTokenizer?.toJSON() ?? null,
    post_processor: parts.postProcessor?.toJSON() ?? null,
    decoder: parts.decoder?.toJSON() ?? null,
    model: parts.model.toJSON(),
  };
}
