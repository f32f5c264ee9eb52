/**
 * src/wordbyword/: word-by-word translation with a bilingual dictionary, rescored by a target n-gram LM with
 * local reordering (the baseline of Lample et al. 2018): the dictionary becomes a one-word phrase table
 * (`dictionaryTable`) decoded by `phrase/PhraseDecoder` with a small distortion limit.
 */
export {
  dictionaryTable,
  invertDictionary,
  parseScoredDictionary,
  readScoredDictionary,
  type DictionaryTableOptions,
  type ScoredDictionary,
} from './dictionary-table.js';
export { adaptDictionary, dictionaryKey, rankScores, wordCounts, type AdaptOptions, type AdaptStats } from './adapt.js';
export {
  comparableDictionary,
  comparableDictionaryFromText,
  countText,
  reinduceDictionary,
  reinduceDictionaryFromText,
  reinduceBothFromText,
  withFallback,
  type ComparableOptions,
  type ComparableStats,
  type Reinduced,
  type StreamOptions,
  type TextCounts,
} from './comparable.js';
export { WordByWordTranslator, WORD_BY_WORD_DEFAULTS, type WordByWordOptions } from './translator.js';
