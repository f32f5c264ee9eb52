/**
 * Word vectors and queries over them: `KeyedVectors` (one Float32Array, lazily normalized copy), the
 * dot-product kernels, a typed-array top-k heap and a small PCA for plots. Imports nothing else here.
 */
export { KeyedVectors, unitVector, type KeyedVectorsOptions, type Neighbor, type QueryOptions, type QueryTerm } from './keyed-vectors.js';
export { TopK } from './top-k.js';
export { pcaProject, type Projection } from './pca.js';
