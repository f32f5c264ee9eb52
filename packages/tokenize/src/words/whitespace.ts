/**
 * The `whitespace` style: maximal runs of non-space characters, exactly Python's `str.split()`
 * (white space = `str.isspace()`: Unicode `White_Space` plus U+001C..U+001F).
 */
import { isPySpace } from './space.js';
import type { SpanBuilder } from './span-builder.js';

/**
 * Appends the whitespace-separated tokens of `text` to `out`.
 * @example whitespaceKernel('a  b\tc', out) // tokens a, b, c at 0–1, 3–4, 5–6
 */
export function whitespaceKernel(text: string, out: SpanBuilder): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isPySpace(text.charCodeAt(i))) i++;
    if (i === n) break;
    const start = i;
    while (i < n && !isPySpace(text.charCodeAt(i))) i++;
    out.push(text.slice(start, i), start, i);
  }
}
