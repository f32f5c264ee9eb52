/**
 * One token per Unicode code point. A surrogate pair is one token of two UTF-16 units; a lone
 * surrogate is a token of its own (as `Array.from(text)` does).
 */
import type { TokenSpans } from '../words/types.js';

const SURROGATE = /[\ud800-\udfff]/;

/**
 * The code points of `text`, with UTF-16 offsets.
 * @example codePoints('a😀').tokens // ['a', '😀']; starts [0, 1], ends [1, 3]
 */
export function codePoints(text: string): TokenSpans {
  const n = text.length;
  if (!SURROGATE.test(text)) {
    // One token per code unit: the engine's own split, and offsets that count up.
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    return { tokens: text.split(''), starts, ends };
  }
  // At most one token per code unit: fill the offsets in place, trim once.
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const tokens: string[] = [];
  let k = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    tokens.push(len === 1 ? text[i] : text.slice(i, i + 2));
    starts[k] = i;
    ends[k++] = i + len;
    i += len;
  }
  return { tokens, starts: k === n ? starts : starts.slice(0, k), ends: k === n ? ends : ends.slice(0, k) };
}
