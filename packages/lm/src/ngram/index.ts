/**
 * N-gram counting and NLTK-exact estimators (`nltk.lm` 3.8), stupid backoff, perplexity and generation.
 * Imports only `../errors.js`, Node built-ins and two light entries (`@nlpkit/kit/wasm`, `@nlpkit/tokenize/atomic-write`);
 * nothing here imports `../arpa/` (which builds on this).
 *
 * Counting API (what `arpa/` builds on):
 * - `countNgrams(sentences, { order, unkCutoff?, unkLabel? })` → `NgramCounts` (in memory; sentences are word arrays).
 * - `countNgramsFromFiles(files, { order, unkCutoff?, threads?, budgetBytes?, onProgress? })` → `Promise<NgramCounts>`
 *   (streams UTF-8 files, one sentence per line, words split on whitespace; two passes: vocabulary, then counts;
 *   worker threads over byte ranges cut at line starts; equal to `countNgrams` on the same lines; one small file in
 *   one thread is read whole and counted by `countNgramsFromBytes`).
 * - `countNgramsFromBytes(bytes, { order, … }, source?)` → `NgramCounts` (UTF-8 text in memory, the same reading of lines;
 *   tokens hashed from their bytes, no string per token).
 * - `NgramCounts`: `vocab` (`NgramVocabulary`: `words[id]` in code-point order, `lookup(word)` → id or `unkId`, `size` =
 *   NLTK's len(vocab), `toVocab()` / `NgramVocabulary.fromVocab(vocab, cutoff)` to and from @nlpkit/tokenize's `Vocab`), `counts[k-1]` (Float64Array; order 1 dense by word id), `words[k-1]`/`parents[k-1]` (Uint32Array,
 *   order k>=2: last word id and the order-(k-1) prefix entry; entries sorted lexicographically), `childStart[k-1]` (the
 *   continuations of an order-k entry: one contiguous run at order k+1), `contextTotal[k-1]`, `find(ids, from, len)` →
 *   entry or -1, `child(k, idx, word)`, `ngramIds(k, idx)`; for users `count(ngram)`, `countOf(word)`, `distinctCount(k)`,
 *   `total(k)`, `entries(k)`. `KneserNeyStats(counts)` adds N1+(• g) per entry (`leftExt`).
 * - Padding: order-1 `<s>` / `</s>` each side, counted as words (NLTK's `padded_everygram_pipeline`).
 *
 * Model API: `NgramModel.train(sentences, { order, smoothing, gamma?, discount?, alpha?, unkCutoff? })`,
 * `trainFromFiles`, `fromCounts(counts, { smoothing… })`; `score`, `logScore` (base 2), `scoreNgram`, `scoreIds`,
 * `perplexity`/`crossEntropy` (sentences), `perplexityOfText`/`crossEntropyOfText` (UTF-8 text, from its bytes),
 * `perplexityOfNgrams`/`entropyOfNgrams` (NLTK's), `generate`. Model files (`lm train --smoothing laplace`, `lm ppl`):
 * `writeNgramModel(model, path)`, `readNgramModel(path)`, `parseNgramModel(bytes)`.
 */
export { compareCodePoints } from './codepoint.js';
export { BOS, EOS, DEFAULT_UNK_LABEL, NgramVocabulary } from './vocabulary.js';
export { type CountOptions, MAX_ORDER } from './options.js';
export { type TrieData, TrieBuilder, mergeTries } from './trie-data.js';
export { NgramCounts } from './ngram-counts.js';
export { countNgrams } from './count.js';
export { countNgramsFromFiles, type FileCountOptions } from './count-file.js';
export { countNgramsFromBytes } from './count-bytes.js';
export { releaseKernelMemory } from './kernel-memory.js';
export { padSentence, paddedNgrams } from './padding.js';
export { type Smoothing, SMOOTHINGS, type ModelOptions, type TrainOptions } from './model-options.js';
export { NgramModel, log2 } from './model.js';
export { writeNgramModel, readNgramModel, parseNgramModel } from './model-file.js';
export { type GenerateOptions } from './generate.js';
export { PyRandom } from './py-random.js';
export { type Estimator } from './estimators/estimator.js';
export { KneserNeyStats } from './estimators/kneser-ney-stats.js';
