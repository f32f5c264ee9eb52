/**
 * String order by Unicode code point, as Python's `sorted` orders strings. JavaScript's `<` compares
 * UTF-16 code units, which puts astral characters (surrogate pairs, 0xD800–0xDFFF) before U+E000–U+FFFF;
 * Python puts them after. NLTK sorts the vocabulary when it generates, so our ids follow Python's order.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (an astral code point) sorts after every BMP unit at or above U+E000.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
