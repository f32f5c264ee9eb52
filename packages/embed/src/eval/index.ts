/**
 * Evaluation with gensim 4.2's numbers: analogy accuracy (questions-words format, 3CosAdd, batched) and
 * word-pair similarity correlations (WordSim-353 / SimLex-999 format). Imports only `vectors/`.
 */
export { evaluateAnalogies, evaluateAnalogyLines, type AnalogyOptions, type AnalogyResult, type AnalogySection } from './analogies.js';
export { evaluateWordPairs, evaluateWordPairLines, type WordPairsOptions, type WordPairsResult } from './word-pairs.js';
export { pearson, spearman, rankAverage, type Correlation } from './correlation.js';
