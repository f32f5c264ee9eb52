/**
 * White space tests on UTF-16 code units for the hot loops. No white space lies outside the BMP,
 * so a code unit decides alone. Two dialects: Python's `str.isspace()` (NLTK, `str.split()`) and
 * Unicode `White_Space` (Perl's `\s`, Moses); they differ only in U+001C..U+001F.
 */

const ASCII_PY_SPACE = new Uint8Array(128);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20]) ASCII_PY_SPACE[c] = 1;

/** White space above ASCII (the same in both dialects). */
function isWideSpace(c: number): boolean {
  return (
    c === 0x85 ||
    c === 0xa0 ||
    (c >= 0x1680 &&
      (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000))
  );
}

/** Python's `str.isspace()` for one code unit. */
export function isPySpace(c: number): boolean {
  return c < 0x80 ? ASCII_PY_SPACE[c] === 1 : isWideSpace(c);
}

/** Unicode `White_Space` (Perl's `\s`) for one code unit. */
export function isSpace(c: number): boolean {
  return c < 0x80 ? ASCII_PY_SPACE[c] === 1 && (c < 0x1c || c > 0x1f) : isWideSpace(c);
}
