/**
 * Character tokenizers: by code point and by grapheme cluster, with UTF-16 offsets.
 * Imports only the span types of `../words` and `../errors`.
 */
export { codePoints } from './code-points.js';
export { graphemes, type GraphemeOptions } from './graphemes.js';
