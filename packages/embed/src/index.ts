/**
 * @nlpkit/embed — word embeddings: word2vec training on all cores (`train/`, reading through `corpus/`),
 * fastText models and training (`fasttext/`), GloVe (`glove/`), `KeyedVectors` and its queries (`vectors/`),
 * word2vec and fastText `.vec` files (`formats/`), gensim-exact evaluation on analogies and word-pair
 * similarity (`eval/`), and the `embed` CLI (`cli/`).
 */
export * from './errors.js';
export * from './vectors/index.js';
export * from './train/index.js';
export * from './formats/index.js';
export * from './eval/index.js';
export * from './glove/index.js';
export * from './fasttext/index.js';
