/**
 * The public API of @nlpkit/tokenize. Only what is exported here is public.
 */
export * from './errors.js';
export {
  ENCODING_NAMES,
  Encoding,
  encodingForModel,
  encodingNameForModel,
  getEncoding,
  type EncodeOptions,
  type EncodingName,
} from './tiktoken/index.js';
