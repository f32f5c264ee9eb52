/**
 * Numbers printed as KenLM prints them (util/float_to_string.cc: double-conversion's shortest form with
 * decimal notation for exponents -6..20, else `1e-07`-style "1e-7"): floats by their shortest float32
 * round-trip digits, doubles by their shortest float64 digits (JavaScript's own `String(x)`).
 */

// Finding the shortest digits takes up to nine toExponential calls, and scores repeat a lot (each
// n-gram's probability, common backoff sums): a direct-mapped cache on the float's bits (typed arrays,
// no Map of heap numbers) makes `lm query` output several times faster.
const CACHE_BITS = 16;
const cacheKeys = new Uint32Array(1 << CACHE_BITS);
const cacheUsed = new Uint8Array(1 << CACHE_BITS);
const cacheText: string[] = new Array<string>(1 << CACHE_BITS).fill('');
const bitsF = new Float32Array(1);
const bitsU = new Uint32Array(bitsF.buffer);

/** `x` (a float32 value) in the fewest digits that read back to the same float32: -0.30103 not -0.3010300099849701. */
export function formatFloat32(x: number): string {
  bitsF[0] = x;
  const bits = bitsU[0];
  const slot = Math.imul(bits ^ (bits >>> 16), 0x45d9f3b) >>> (32 - CACHE_BITS);
  if (cacheUsed[slot] === 1 && cacheKeys[slot] === bits) return cacheText[slot];
  const s = shortestFloat32(x);
  cacheKeys[slot] = bits;
  cacheUsed[slot] = 1;
  cacheText[slot] = s;
  return s;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** `shortestDigits`' result: the digits as an integer (trailing zeros dropped), their count, and where the point goes. */
let digitsValue = 0;
let digitsCount = 0;
let digitsPoint = 0;

/**
 * The same digits as `shortestFloat32Slow`, found with integer arithmetic in doubles instead of up to
 * six `toExponential` calls and two regular expressions (training wrote 1.2 s of its 4.6 s here):
 * `|f| × 10^k` (10^k exact for k ≤ 22) rounds once, so its nearest integer is the exactly rounded
 * p-digit decimal unless the product is within 1e-6 of a half (then, and for ties, the slow path
 * decides), and `d / 10^k` is the correctly rounded double of that decimal, as `Number(text)` is.
 * Sets digitsValue/Count/Point and returns true, or false where the slow path must decide (also for
 * zeros, non-finite values and magnitudes outside 1e-13..1e13).
 */
function shortestDigits(x: number): boolean {
  if (!Number.isFinite(x) || x === 0) return false;
  const a = Math.abs(Math.fround(x));
  // floor(log10 a) from the binary exponent (log10 2 = 0.30103: at most one too small), then one
  // comparison with a power of ten, which no rounding can flip (no float32 is within 1e-15 of a power
  // of ten but the powers themselves). Math.log10 was a fifth of the time here.
  bitsF[0] = a;
  const e2 = (bitsU[0] >>> 23) - 127;
  if (e2 < -44 || e2 > 44) return false;
  let e10 = Math.floor(e2 * 0.30102999566398120);
  if (e10 >= 0 ? a >= POW10[e10 + 1] : a * POW10[-e10 - 1] >= 1) e10++;
  if (e10 < -13 || e10 > 13) return false;
  // "p digits read back" is monotonic in p, so any search order finds the shortest p as long as every
  // probe is exact (a near-half product bails out, whichever p it was probed at). Log-probabilities
  // mostly take 7 or 8 digits: start at 7 and walk (two probes for most numbers, where a binary
  // search over 1..9 took three or four).
  let p = 7;
  let r = probeDigits(a, p, e10);
  if (r < 0) return false;
  let best = probedValue;
  if (r === 1) {
    while (p > 1) {
      r = probeDigits(a, p - 1, e10);
      if (r < 0) return false;
      if (r === 0) break;
      p--;
      best = probedValue;
    }
  } else {
    // 9 digits always read back: no test needed there, only the rounding.
    for (p = 8; p <= 9; p++) {
      r = probeDigits(a, p, e10);
      if (r < 0) return false;
      best = probedValue;
      if (r === 1) break;
    }
    if (p > 9) p = 9;
  }
  // best × 10^-(p - 1 - e10), best an integer below 10^9 + 1 (int32 arithmetic from here): a carry
  // (9.99… → 10) gives p + 1 digits; then trailing zeros dropped.
  let b = best | 0;
  let count = b >= POW10[p] ? p + 1 : p;
  digitsPoint = count - (p - 1 - e10);
  while (count > 1 && b % 10 === 0) {
    b = (b / 10) | 0;
    count--;
  }
  digitsValue = b;
  digitsCount = count;
  return true;
}

/** `probeDigits`' rounded value. */
let probedValue = 0;

/**
 * a rounded to `p` significant digits (`probedValue`, an integer, × 10^-(p-1-e10)): 1 when it reads back
 * to `a` as a float32, 0 when not, -1 when `a × 10^k` is within 1e-6 of a half (the slow path decides).
 */
function probeDigits(a: number, p: number, e10: number): number {
  const k = p - 1 - e10;
  const scaled = k >= 0 ? a * POW10[k] : a / POW10[-k];
  const fl = Math.floor(scaled);
  const frac = scaled - fl;
  if (Math.abs(frac - 0.5) < 1e-6) return -1;
  const d = frac > 0.5 ? fl + 1 : fl;
  probedValue = d;
  return Math.fround(k >= 0 ? d / POW10[k] : d * POW10[-k]) === a ? 1 : 0;
}

/** `x` (float32) in the fewest digits that read back to it, as text; see `shortestDigits`. */
export function shortestFloat32(x: number): string {
  if (!shortestDigits(x)) return shortestFloat32Slow(x);
  const digits = String(digitsValue);
  const pointAt = digitsPoint;
  const sign = x < 0 ? '-' : '';
  if (pointAt < -5 || pointAt > 21) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${pointAt - 1}`;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

const ENCODER = new TextEncoder();

/**
 * Writes `shortestFloat32(x)` as ASCII into `out` at `pos` (room for 32 bytes needed); returns the end.
 * No string is made on the usual path (`lm query` prints one number per token).
 */
export function writeFloat32(x: number, out: Uint8Array, pos: number): number {
  if (!shortestDigits(x) || digitsPoint < -5 || digitsPoint > 21) {
    return pos + ENCODER.encodeInto(shortestFloat32(x), out.subarray(pos, pos + 32)).written;
  }
  const count = digitsCount;
  const pointAt = digitsPoint;
  if (x < 0) out[pos++] = 45; // '-'
  if (pointAt <= 0) {
    out[pos++] = 48;
    out[pos++] = 46;
    for (let z = pointAt; z < 0; z++) out[pos++] = 48;
  }
  // The digits right to left into their places, the point skipped over.
  const withPoint = pointAt > 0 && pointAt < count;
  let end = pos + count + (withPoint ? 1 : 0);
  let v = digitsValue | 0;
  for (let i = count - 1, at = end - 1; i >= 0; i--) {
    if (withPoint && i === pointAt - 1) out[at--] = 46;
    const q = (v / 10) | 0;
    out[at--] = 48 + (v - q * 10);
    v = q;
  }
  for (let z = count; z < pointAt; z++) out[end++] = 48;
  return end;
}

/** The reference: `toExponential` probes and a tie fix (kept for the cases above and as the tests' oracle). */
export function shortestFloat32Slow(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const f = Math.fround(x);
  // The correctly rounded p-digit decimal is at least as close to f as the (p-1)-digit one, so "reads
  // back to f" is monotonic in p: binary search over 1..9 (9 digits always suffice for float32).
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(f.toExponential(mid - 1))) === f) hi = mid;
    else lo = mid + 1;
  }
  return layout(tieToEven(f, lo, f.toExponential(lo - 1)));
}

/**
 * `toExponential` rounds a tie away from zero; double-conversion takes the even neighbour
 * (-39.3203125 prints as -39.320312). `s` is `f` in `p` digits; on an exact tie returns the even one.
 */
function tieToEven(f: number, p: number, s: string): string {
  // Cheap test first: a tie needs a 5 as the (p+1)-th digit.
  const next = f.toExponential(p);
  if (next.charCodeAt(next.indexOf('e') - 1) !== 53 /* '5' */) return s;
  // Digits of the exact value (a float32 has at most ~112; toExponential gives up to 101 exactly rounded).
  const m = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(f.toExponential(Math.min(p + 40, 100)));
  if (!m) return s;
  const digits = m[2] + (m[3] ?? '');
  if (digits[p] !== '5' || !/^0*$/.test(digits.slice(p + 1))) return s;
  const kept = digits.slice(0, p);
  if (Number(kept[p - 1]) % 2 !== 0) return s;
  const down = `${m[1]}${kept[0]}${kept.length > 1 ? `.${kept.slice(1)}` : ''}e${m[4]}`;
  return Math.fround(Number(down)) === f ? down : s;
}

/** `x` in the fewest digits that read back to the same double, KenLM's way ("1e-7", "1e21"). */
export function formatDouble(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  // ECMAScript's shortest form breaks ties to even, as double-conversion does.
  return String(x).replace('e+', 'e');
}

/** "d.ddde±x" (toExponential) → decimal for exponents -6..20, else "d.ddde-x" without "+". */
function layout(exp: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(exp);
  if (!m) return exp;
  const [, sign, lead, rest = '', e] = m;
  const digits = (lead + rest).replace(/0+$/, '') || '0';
  const pointAt = Number(e) + 1; // digits before the decimal point
  if (pointAt < -5 || pointAt > 21) {
    const tail = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${tail}e${Number(e)}`;
  }
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
