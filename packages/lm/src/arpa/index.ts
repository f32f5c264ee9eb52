/**
 * src/arpa/: ARPA backoff models — reading and writing ARPA files (plain or gzip, streamed), the model
 * in typed arrays (`ArpaModel`, `NgramTable`) scoring exactly as KenLM's `query`, KenLM's number
 * formatting, lmplz-style modified Kneser–Ney estimation (`trainMkn`), NLTK interpolated models as ARPA
 * (`ngramModelToArpa`) and seeded sampling (`generateText`). Imports `../ngram/` (PyRandom, NgramModel
 * types) and `../errors.js`; nothing from cli/.
 */
export { ArpaModel, UNK_ID, MISSING_UNK_LOG10PROB, type LmState, type ScoreResult } from './arpa-model.js';
export { NgramTable } from './ngram-table.js';
export { readArpa, readArpaStream, parseArpa } from './read-arpa.js';
export { Query, type QueryOptions, type QuerySummary, type ScoredLine } from './query.js';
export { formatFloat32, formatDouble } from './float-format.js';
export { writeArpa, formatArpa, arpaChunks, arpaBuffers, type WriteArpaOptions } from './write-arpa.js';
export { MknCounts } from './mkn-counts.js';
export { estimateMkn, mknDiscounts, type Discounts, type MknOptions, type MknResult } from './mkn.js';
export { trainMkn, type TrainMknOptions } from './train-mkn.js';
export { ngramModelToArpa } from './from-ngram-model.js';
export { generateText, type ArpaGenerateOptions } from './generate.js';
