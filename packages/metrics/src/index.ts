/**
 * @nlpkit/metrics — machine-translation metrics that give sacreBLEU 2.x's numbers and signatures:
 * BLEU (corpus and sentence, tokenizers none/13a/intl/zh/char, four smoothing methods), chrF and
 * chrF++, and TER. Every metric is split into per-segment sufficient statistics
 * (`bleuStatistics`, `chrfStatistics`, `terStatistics`) and scoring from summed statistics
 * (`bleuFromStats`, `chrfFromStats`, `terFromStats`), as sacreBLEU does, so resampling-based
 * significance tests can reuse the statistics. References are sacreBLEU's reference streams:
 * `refs[k][i]` is the k-th reference of segment i, null where segment i has fewer references.
 * Signatures carry this package's version in their `version:` field.
 */
export {
  corpusBleu,
  sentenceBleu,
  computeBleu,
  bleuStatistics,
  sumBleuStats,
  bleuFromStats,
  bleuSignature,
  formatBleu,
  SMOOTH_METHODS,
  SMOOTH_DEFAULTS,
  type BleuOptions,
  type BleuScoreOptions,
  type BleuResult,
  type BleuStats,
  type BleuLines,
  type BleuHyps,
  type SmoothMethod,
} from './bleu.js';
export {
  corpusChrf,
  sentenceChrf,
  chrfStatistics,
  sumChrfStats,
  chrfFromStats,
  chrfFScore,
  chrfSignature,
  formatChrf,
  type ChrfOptions,
  type ChrfResult,
  type ChrfStats,
  type ChrfLines,
  type ChrfHyps,
} from './chrf.js';
export {
  corpusTer,
  sentenceTer,
  terStatistics,
  sumTerStats,
  terFromStats,
  terSignature,
  formatTer,
  translationEditRate,
  type TerOptions,
  type TerResult,
  type TerStats,
} from './ter/index.js';
export {
  tokenize,
  getBleuTokenizer,
  tercomTokenize,
  isChineseChar,
  BLEU_TOKENIZERS,
  type BleuTokenizerName,
  type TercomOptions,
} from './tokenizers/index.js';
export { type RefStreams } from './refs.js';
export { TextLines, type TextLinesOptions } from './text-lines.js';
export { formatSignature, type SignatureValue } from './signature.js';
export { pySplit, pyFixed } from './pystr.js';
export { VERSION } from './version.js';
export {
  MetricsError,
  UnknownNameError,
  InvalidOptionError,
  LengthMismatchError,
  MissingReferenceError,
  type MetricsErrorCode,
} from './errors.js';
export {
  perplexity,
  perplexityStats,
  crossEntropy,
  InvalidLogProbError,
  EmptyLogProbsError,
  type LogBase,
  type PerplexityOptions,
  type CrossEntropyOptions,
  type PerplexityResult,
} from './perplexity.js';
export * from './significance/index.js';
// The `score` CLI's typed errors (the CLI itself, src/cli/program.ts, is not imported here: it needs commander).
export {
  ScoreCliError,
  UnreadableFileError,
  InvalidUtf8Error,
  EmptyInputError,
  LineCountMismatchError,
  UsageError,
  type ScoreErrorCode,
} from './cli/errors.js';
