/**
 * The `unicode` style: words and punctuation runs, NLTK's `wordpunct_tokenize` (`\w+|[^\w\s]+`)
 * made Unicode-aware. A word is a run of letters, numbers and connector punctuation (`\p{L}\p{N}\p{Pc}`);
 * every other run of non-space characters is one punctuation token. Marks, ZWNJ, ZWJ, soft hyphen
 * and word joiner extend the token before them, so decomposed accents, Indic vowel signs and emoji
 * sequences stay whole (Python's `\w` lacks marks, so NLTK splits `é` written as e + U+0301).
 *
 * Performance notes: ASCII takes a byte-table path (0 = space, 1 = word, 2 = punctuation); other
 * characters go through the lazily filled Unicode class table.
 */
import { ASCII_CLASS, EXTEND, PY_SPACE, WORD, classOf } from './char-class.js';
import type { SpanBuilder } from './span-builder.js';

const WORDISH = WORD | EXTEND;
const BREAKS_PUNCT = WORD | PY_SPACE;

const SPACE_KIND = 0;
const WORD_KIND = 1;
const PUNCT_KIND = 2;
const ASCII_KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const cls = ASCII_CLASS[c];
  ASCII_KIND[c] = (cls & PY_SPACE) !== 0 ? SPACE_KIND : (cls & WORD) !== 0 ? WORD_KIND : PUNCT_KIND;
}

/** Class bits of the (non-ASCII) code point at `i`, whose first unit is `c`. */
function wideClass(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return classOf(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  }
  return classOf(c);
}

/** UTF-16 length of the code point at `i` whose first unit is `c`. */
function unitsOf(text: string, i: number, c: number): number {
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/**
 * Appends the word and punctuation tokens of `text` to `out`.
 * @example unicodeKernel('Ça va? (oui)', out) // Ça, va, ?, (, oui, )
 */
export function unicodeKernel(text: string, out: SpanBuilder): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let kind: number;
    if (c < 0x80) kind = ASCII_KIND[c];
    else {
      const cls = wideClass(text, i, c);
      kind = (cls & PY_SPACE) !== 0 ? SPACE_KIND : (cls & WORD) !== 0 ? WORD_KIND : PUNCT_KIND;
    }
    if (kind === SPACE_KIND) {
      i++; // no white space lies outside the BMP
      continue;
    }
    const start = i;
    i += c < 0x80 ? 1 : unitsOf(text, i, c);
    if (kind === WORD_KIND) {
      // Word characters and extenders.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 0x80) {
          if (ASCII_KIND[d] !== WORD_KIND) break;
          i++;
        } else {
          if ((wideClass(text, i, d) & WORDISH) === 0) break;
          i += unitsOf(text, i, d);
        }
      }
    } else {
      // Anything that is neither a word character nor space (extenders included).
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 0x80) {
          if (ASCII_KIND[d] !== PUNCT_KIND) break;
          i++;
        } else {
          if ((wideClass(text, i, d) & BREAKS_PUNCT) !== 0) break;
          i += unitsOf(text, i, d);
        }
      }
    }
    out.push(text.slice(start, i), start, i);
  }
}
