/**
 * The vector file formats this package reads and writes, and how a path names one.
 * - 'word2vec-binary': header `count dim\n`, then per word: the word's UTF-8 bytes, a space, `dim`
 *   little-endian float32, and "\n" as word2vec C writes (gensim writes no "\n"; both read both).
 * - 'word2vec-text': header, then `word v1 … vdim\n` (gensim's layout: values as numpy's repr).
 * - 'fasttext-vec': fastText's `.vec`, the text layout with a space after every value (`word v1 … vdim \n`).
 */
import { extname } from 'node:path';

export const VECTOR_FORMATS = ['word2vec-binary', 'word2vec-text', 'fasttext-vec'] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];

/** The format a file name suggests: `.bin` binary, `.vec` fastText, `.txt`/`.text`/`.w2v` word2vec text. */
export function formatFromPath(path: string): VectorFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.bin':
      return 'word2vec-binary';
    case '.vec':
      return 'fasttext-vec';
    case '.txt':
    case '.text':
    case '.w2v':
      return 'word2vec-text';
    default:
      return undefined;
  }
}
