/**
 * Integer ids for the hot loops of BLEU and chrF, so counting works on typed arrays and never builds a
 * string per token or n-gram:
 * - `units.ts`: a string's UTF-16 code units copied into a reused Uint16Array by one native call;
 * - `spans.ts`: a sentence's tokens as [start, end) spans over those code units (whitespace split,
 *   or sacreBLEU's 13a tokenizer computed straight into spans);
 * - `word-table.ts`: a word (a span of code units) to a corpus-wide integer id, by hashing the code
 *   units and verifying against a pool of the words seen (exact: equal ids iff equal words);
 * - `ngram-table.ts`: per-segment n-gram ids, each n-gram interned as (id of its prefix, last item) in
 *   a small generation-stamped table that stays in L1 cache and is never cleared;
 * - `alphabet.ts`: a segment's distinct items numbered densely, so unigrams and bigrams need no table;
 * - `line-cache.ts`: BLEU's word ids per distinct line (sacreBLEU caches tokenizations too);
 * - `workspace.ts`: the reused buffers and tables, shared by all calls;
 * - `utf8.ts`, `byte-spans.ts`, `byte-tables.ts`: the same for UTF-8 bytes that were never decoded
 *   (TextLines input to BLEU): Python whitespace on bytes, 13a and whitespace split into byte spans,
 *   a word table and a line cache keyed by bytes.
 */
export { NgramTable, WORD_UNIGRAM } from './ngram-table.js';
export { scan13a, scanWhitespace, type TokenSpans } from './spans.js';
export { codeUnitPairs, codeUnits } from './units.js';
export { Alphabet, DIRECT_ALPHABET } from './alphabet.js';
export { LineCache } from './line-cache.js';
export { WordTable } from './word-table.js';
export { workspace, type Workspace } from './workspace.js';
