/**
 * Tokenizer trainers compatible with Hugging Face `tokenizers`: BPE (byte-level or character-level),
 * WordPiece and Unigram, each returning a complete tokenizer.json, plus subword-nmt-style BPE with its
 * codes file format.
 *
 * Layout: corpus.ts reads the input (files as streams); word-splitters.ts pre-tokenizes and counts;
 * word-count.ts spreads counting over worker threads (count-worker.ts); bpe-core.ts is the merge loop
 * (typed arrays, lazy max-heap), used by bpe.ts, wordpiece.ts and subword-nmt.ts; unigram.ts is
 * SentencePiece's EM trainer (seeds and word lattices in unigram-seeds.ts, piece lookup in
 * unigram-trie.ts); tokenizer-json.ts writes the pipelines; trained-tokenizer.ts holds the result.
 *
 * Every trainer is deterministic (no randomness, so no seed option): the same corpus and options give
 * byte-identical output, whatever the number of threads.
 */
export { trainBpe, type TrainBpeOptions } from './bpe.js';
export { trainWordPiece, type TrainWordPieceOptions } from './wordpiece.js';
export { trainUnigram, type TrainUnigramOptions } from './unigram.js';
export { TrainedTokenizer } from './trained-tokenizer.js';
export type { TokenizerJson } from './tokenizer-json.js';
export type { Corpus } from './corpus.js';
export type { BpeFamilyOptions, CommonTrainOptions, TrainingProgress } from './options.js';
export {
  applySubwordNmt,
  exportSubwordNmtCodes,
  importSubwordNmtCodes,
  SubwordNmtSegmenter,
  trainSubwordNmt,
  type SubwordNmtCodes,
  type TrainSubwordNmtOptions,
} from './subword-nmt.js';
