/** Character tests shared by the pre-tokenizers, with Rust's meanings. */

import { isUnicodePunctuation } from '../normalizers/rust-unicode.js';

const NUMERIC = /\p{N}/u;

/** Rust's `char::is_ascii_punctuation() || is_punctuation()`: ASCII symbols such as $ + < = > ^ ` | ~ count too. */
export function isPunctuation(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e);
  return isUnicodePunctuation(cp);
}

/** Rust's `char::is_numeric`: general categories Nd, Nl, No. */
export function isNumeric(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return NUMERIC.test(String.fromCodePoint(cp));
}

export { isWhitespace } from '../normalized-string.js';
