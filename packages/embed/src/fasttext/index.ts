/**
 * fastText: its `.bin` model format (read and write, fastText 0.9.2's layout), `FastTextModel` with
 * fastText's word vectors (a word's row averaged with its character n-gram rows; unknown words from their
 * n-grams alone) and fastText training (skip-gram / CBOW with subwords). Imports `../vectors`,
 * `../formats` (byte reader, atomic writes), `../errors`, and read-only from `../corpus` (byte-level word
 * scanning, file byte ranges) and `../train` (alias table, SIMD vector ops, shared heap, worker pool);
 * nothing imports it but the CLI.
 */
export { DEFAULT_ARGS, type FastTextArgs, type FastTextLoss, type FastTextModelKind } from './args.js';
export { FASTTEXT_MAGIC, FASTTEXT_VERSION, readFastTextBin, type FastTextBinData } from './bin-reader.js';
export { FastTextDictionary, ENTRY_LABEL, ENTRY_WORD, type DictionaryEntries } from './dictionary.js';
export { FastTextModel } from './fasttext-model.js';
export { trainFastText } from './train-fasttext.js';
export type { FastTextCorpus } from './train-corpus.js';
export type { FastTextProgress, FastTextTrainOptions } from './train-options.js';
