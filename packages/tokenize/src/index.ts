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

// words, chars, sentences
export {
  detokenize,
  DETOKENIZER_STYLES,
  getWordTokenizer,
  MOSES_LANGS,
  WORD_STYLES,
  type DetokenizerStyle,
  type MosesLang,
  type TokenSpans,
  type WordStyle,
  type WordTokenizer,
  type WordTokenizerOptions,
} from './words/index.js';
export { codePoints, graphemes, type GraphemeOptions } from './chars/index.js';
export { splitSentences, type SentenceOptions } from './sentences/index.js';

// vocabularies
export {
  DEFAULT_SPECIALS,
  SPECIAL_TOKENS,
  UNK_TOKEN,
  Vocab,
  VocabCounter,
  type TokenItem,
  type VocabBuildOptions,
  type VocabData,
  type VocabFormat,
  type VocabJSON,
  type VocabLoadOptions,
  writeAtomically,
  writeFileAtomic,
} from './vocab/index.js';

// fastText subwords
export {
  charNgrams,
  DEFAULT_BUCKET,
  DEFAULT_MAXN,
  DEFAULT_MINN,
  fasttextHash,
  subwordIds,
  type NgramOptions,
  type SubwordIdOptions,
} from './subwords/index.js';

// training
export {
  applySubwordNmt,
  exportSubwordNmtCodes,
  importSubwordNmtCodes,
  SubwordNmtSegmenter,
  TrainedTokenizer,
  trainBpe,
  trainSubwordNmt,
  trainUnigram,
  trainWordPiece,
  type SubwordNmtCodes,
  type TrainSubwordNmtOptions,
  type TrainUnigramOptions,
  type BpeFamilyOptions,
  type CommonTrainOptions,
  type Corpus,
  type TokenizerJson,
  type TrainBpeOptions,
  type TrainingProgress,
  type TrainWordPieceOptions,
} from './train/index.js';

// Hugging Face tokenizers (tokenizer.json). The stage classes come as namespaces, as in Python's
// `tokenizers` package: normalizers.NFKC, preTokenizers.ByteLevel, models.BPE, processors…, decoders….
// Types whose names the OpenAI encodings already use carry an `Hf` prefix.
export {
  Tokenizer,
  decoders,
  models,
  normalizers,
  preTokenizers,
  processors,
  type AddedToken as HfAddedToken,
  type AddedTokenInput as HfAddedTokenInput,
  type BatchInput as HfBatchInput,
  type DecodeOptions as HfDecodeOptions,
  type Encoding as HfEncoding,
  type HfEncodeOptions,
  type OffsetUnit as HfOffsetUnit,
  type PaddingOptions as HfPaddingOptions,
  type TruncationOptions as HfTruncationOptions,
  type TruncationStrategy as HfTruncationStrategy,
} from './hf/index.js';
