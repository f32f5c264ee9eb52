/**
 * Python string semantics that sacreBLEU relies on and JavaScript does not share:
 * `str.split()` / `strip()` whitespace (not the same set as JS `\s`), code-point iteration,
 * and `format(x, '.Nf')` rounding (round-half-even on the exact binary value; `toFixed` rounds ties up).
 */

/**
 * Python's `str.isspace()` set: Unicode White_Space minus nothing, plus the information separators
 * U+001C–U+001F (bidi class B/S), and without U+FEFF (which JS `\s` includes).
 */
const PY_WS_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_WS_RUN_G = new RegExp(`[${PY_WS_CLASS}]+`, 'gu');

/** Whether a UTF-16 code unit is Python whitespace (all of Python's whitespace is in the BMP). */
export function isPyWs(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python `s.split()` with no argument. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isPyWs(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isPyWs(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

/** Python `' '.join(s.split())`. */
export function pyNormalizeSpaces(s: string): string {
  return pyStrip(s).replace(PY_WS_RUN_G, ' ');
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPyWs(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPyWs(s.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isPyWs(s.charCodeAt(start))) start++;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python `''.join(s.split())`. */
export function pyRemoveSpaces(s: string): string {
  return s.replace(PY_WS_RUN_G, '');
}

/** Python `len(s)` (code points). */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Python `f'{x:.{digits}f}'` for finite x (round-half-even on the exact binary value). */
export function pyFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  if (!Number.isFinite(x) || !isExactTie(x, digits)) return s;
  // toFixed picked the larger magnitude on an exact tie; Python picks the even last digit.
  const down = truncateFixed(x, digits);
  const lastDigit = Number(down[down.length - 1]);
  return lastDigit % 2 === 0 ? down : s;
}

/** Whether x * 10^digits is exactly an odd multiple of 1/2. */
function isExactTie(x: number, digits: number): boolean {
  const ax = Math.abs(x);
  if (ax === 0 || ax >= 1e21) return false;
  // ax = m * 2^e exactly, with m an integer.
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, ax);
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  // value * 10^digits * 2 = mant * 10^digits * 2^(e+1); a tie iff this is an odd integer.
  let num = mant * 10n ** BigInt(digits);
  const shift = e + 1;
  if (shift >= 0) return false; // an integer times 2 is even
  const den = 1n << BigInt(-shift);
  if (num % den !== 0n) return false;
  num /= den;
  return num % 2n === 1n;
}

/** x with `digits` decimals, truncated toward zero (x is an exact tie here, so this is exact). */
function truncateFixed(x: number, digits: number): string {
  const s = x.toFixed(digits + 1); // exact: a tie has a finite expansion with digit 5 next
  return s.slice(0, s.length - 1).replace(/\.$/, '');
}
