/**
 * Vector files: word2vec binary and text (the layouts of word2vec C and gensim) and fastText `.vec`, read
 * streaming with gensim's `limit`/`unicode_errors` and written atomically. Imports only `vectors/`.
 */
export { VECTOR_FORMATS, formatFromPath, type VectorFormat } from './vector-format.js';
export { readVectors, type ReadVectorsOptions } from './read-vectors.js';
export { writeVectors, type WriteVectorsOptions } from './write-vectors.js';
export type { UnicodeErrors } from './utf8.js';
