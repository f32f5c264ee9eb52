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
import { ASCII_CLASS, EXTEND, PY_SPACE, WORD, classOf, codePointAt } from './char-class.js';
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
    let len = 1;
    if (c < 0x80) kind = ASCII_KIND[c];
    else {
      const cp = codePointAt(text, i);
      if (cp > 0xffff) len = 2;
      const cls = classOf(cp);
      kind = (cls & PY_SPACE) !== 0 ? SPACE_KIND : (cls & WORD) !== 0 ? WORD_KIND : PUNCT_KIND;
    }
    if (kind === SPACE_KIND) {
      i++; // no white space lies outside the BMP
      continue;
    }
    const start = i;
    i += len;
    if (kind === WORD_KIND) {
      // Word characters and extenders.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 0x80) {
          if (ASCII_KIND[d] !== WORD_KIND) break;
          i++;
        } else {
          const cp = codePointAt(text, i);
          if ((classOf(cp) & WORDISH) === 0) break;
          i += cp > 0xffff ? 2 : 1;
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
          const cp = codePointAt(text, i);
          if ((classOf(cp) & BREAKS_PUNCT) !== 0) break;
          i += cp > 0xffff ? 2 : 1;
        }
      }
    }
    out.push(text.slice(start, i), start, i);
  }
}
