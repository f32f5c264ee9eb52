/**
 * fastText subwords: a word's character n-grams (`<` `>` boundaries, minn..maxn code points) and their
 * input-matrix ids with fastText's exact signed-char FNV-1a hash, as Debian's `fasttext` computes them.
 * Imports only `../errors`.
 */
export { charNgrams } from './char-ngrams.js';
export { fasttextHash } from './fasttext-hash.js';
export { subwordIds, type SubwordIdOptions } from './subword-ids.js';
export { DEFAULT_BUCKET, DEFAULT_MAXN, DEFAULT_MINN, type NgramOptions } from './subword-options.js';
