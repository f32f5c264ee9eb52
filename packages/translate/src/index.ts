/**
 * @nlpkit/translate — translation: a generic beam search over stateful scorers (`search/`), word translation
 * without parallel data (`mapping/`: Procrustes, CSLS, refinement, MUSE- and VecMap-style unsupervised
 * initialisations, dictionary evaluation), and the `translate` CLI (`cli/`).
 */
export * from './errors.js';
export * from './search/index.js';
export * from './mapping/index.js';
export * from './phrase/index.js';
export * from './wordbyword/index.js';
export * from './backtranslation/index.js';
export { Rng } from './random.js';
