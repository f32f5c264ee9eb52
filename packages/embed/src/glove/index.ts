/**
 * GloVe (Pennington et al. 2014) as Stanford GloVe's four tools do it: `vocab.ts` (vocab_count),
 * `cooccur.ts` with `pair-table.ts` and `merge.ts` (cooccur: dense array + hash, spilled sorted chunks,
 * k-way merge), `shuffle.ts` (shuffle), `kernel.ts`/`slice.ts`/`pool.ts`/`worker.ts` (glove: AdaGrad,
 * Hogwild threads); `train-glove.ts` runs them all. Record files are GloVe's CREC (`records.ts`), so
 * they interchange with the C tools. Reads the corpus through `../corpus`; returns `../vectors` KeyedVectors.
 */
export { trainGlove } from './train-glove.js';
export { countCooccurrences, type CooccurOptions, type CooccurResult } from './cooccur.js';
export { shuffleCooccurrences, type ShuffleOptions } from './shuffle.js';
export { readCooccurrences } from './records.js';
export type { GloveCorpus, GloveOptions, GloveProgress } from './types.js';
