/** Word vectors and queries over them. */
export { KeyedVectors, type KeyedVectorsOptions } from './keyed-vectors.js';
