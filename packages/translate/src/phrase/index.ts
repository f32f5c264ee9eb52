/**
 * src/phrase/: phrase tables, the phrase-based stack decoder with an n-gram LM, word alignment and phrase
 * extraction, and the Moses-style text preprocessing the sentence translators use.
 */
export { Preprocessor, detokenizeTokens, splitTokens } from './text.js';
export { PhraseTable, TM_FEATURES, TM_FEATURE_NAMES, type PhraseEntry } from './phrase-table.js';
export { PhraseDecoder, DEFAULT_WEIGHTS, type DecoderOptions, type DecoderWeights, type Translation } from './decoder.js';
export { WordVocabulary, IdCorpus, PairIndex } from './corpus.js';
export { alignDirectional, DirectionalAligner, symmetrize, type AlignOptions } from './align.js';
export { trainPhraseTable, trainPhraseTableStream, type ParallelSource, type PhraseTrainingOptions, type PhraseTrainingStats } from './extract.js';
