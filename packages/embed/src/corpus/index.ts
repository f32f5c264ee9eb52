/**
 * Corpus input at the byte level: `WordScanner` (word2vec C's whitespace tokenizer on UTF-8 bytes),
 * `WordTable` (a typed-array hash table from byte strings to ids), file readers by byte range (plain
 * and gzip) and the counting pass. No strings per token; imports only `../errors`.
 */
export { WordScanner, SENTENCE_END, type WordSink } from './word-scanner.js';
export { WordTable, hashBytes, type WordTableData } from './word-table.js';
export { fileChunks, fileRangeChunks, checkFiles, isGzip } from './sources.js';
export { countCorpus, isFileCorpus, type CorpusCounts, type CorpusInput } from './count-corpus.js';
