/**
 * Character tokenizers: by code point and by grapheme cluster, with UTF-16 offsets.
 * Imports from `../words` only its span types and Unicode class table (`char-class.ts`, no
 * tokenizer), and `../errors`.
 */
export { codePoints } from './code-points.js';
export { graphemes, type GraphemeOptions } from './graphemes.js';
