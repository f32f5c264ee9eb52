/** word2vec training (skip-gram and CBOW, negative sampling and hierarchical softmax) on worker threads. */
export type { Word2VecCorpus, Word2VecOptions, Word2VecProgress } from './types.js';
