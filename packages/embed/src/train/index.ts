/**
 * word2vec training (skip-gram and CBOW, negative sampling and hierarchical softmax) on worker threads,
 * Hogwild on shared weights. `train-word2vec.ts` orchestrates; `shard.ts` is one thread's loop over its
 * share of the corpus; `kernel.ts` the hot loop; `vocab.ts`, `huffman.ts`, `alias-table.ts`,
 * `sigmoid.ts` the tables. Reads the corpus through `../corpus`; returns `../vectors` KeyedVectors.
 */
export { trainWord2Vec } from './train-word2vec.js';
export type { Word2VecCorpus, Word2VecOptions, Word2VecProgress } from './types.js';
