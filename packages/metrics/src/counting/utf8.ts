/**
 * Python's whitespace (`str.split()`/`str.isspace()`, see pystr.ts) recognised on valid UTF-8 bytes, so
 * that byte-level scanners split exactly where Python splits the decoded string. Beyond ASCII
 * (\t \n \v \f \r, \x1c-\x1f, space) the set is U+0085 and U+00A0 (C2 85, C2 A0), U+1680 (E1 9A 80),
 * U+2000-U+200A (E2 80 80-8A), U+2028/U+2029 (E2 80 A8/A9), U+202F (E2 80 AF), U+205F (E2 81 9F) and
 * U+3000 (E3 80 80); U+FEFF, which JavaScript's \s includes, is not Python whitespace.
 */

/** 1 for the ASCII bytes that are Python whitespace. */
export const ASCII_WS = new Uint8Array(128);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20]) ASCII_WS[c] = 1;

/**
 * The length in bytes of the non-ASCII whitespace character at b[i] (a lead byte >= 0x80, the input
 * valid UTF-8 up to `end`), or 0.
 */
export function pyWsMultiAt(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c === 0xc2) return i + 1 < end && (b[i + 1] === 0x85 || b[i + 1] === 0xa0) ? 2 : 0;
  if (c === 0xe2) {
    if (i + 2 >= end) return 0;
    const c1 = b[i + 1];
    const c2 = b[i + 2];
    if (c1 === 0x80) return c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf ? 3 : 0;
    return c1 === 0x81 && c2 === 0x9f ? 3 : 0;
  }
  if (c === 0xe3) return i + 2 < end && b[i + 1] === 0x80 && b[i + 2] === 0x80 ? 3 : 0;
  if (c === 0xe1) return i + 2 < end && b[i + 1] === 0x9a && b[i + 2] === 0x80 ? 3 : 0;
  return 0;
}

/** The length in bytes of the Python whitespace character that ends at b[end - 1] (after `start`), or 0. */
export function pyWsBefore(b: Uint8Array, start: number, end: number): number {
  if (end <= start) return 0;
  const c = b[end - 1];
  if (c < 0x80) return ASCII_WS[c];
  if (end - 2 >= start && b[end - 2] === 0xc2) return c === 0x85 || c === 0xa0 ? 2 : 0;
  if (end - 3 >= start && pyWsMultiAt(b, end - 3, end) === 3) return 3;
  return 0;
}
