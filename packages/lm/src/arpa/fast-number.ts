/**
 * `parseDecimalRange`: a decimal number ("-1.2345", "3e-05") read straight from a range of a line, the
 * way `Number()` reads it, without cutting the substring: Clinger's fast path (at most 15 significant
 * digits and a power of ten up to 10^22 give one correctly rounded float64 operation); anything longer
 * goes through `Number()`. Returns NaN when the text is not such a number (the caller then reports it).
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function parseDecimalRange(s: string, start: number, end: number): number {
  let i = start;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let mant = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    if (mant !== 0 || c !== 48) digits++;
    mant = mant * 10 + (c - 48);
    any = true;
    i++;
  }
  if (i < end && s.charCodeAt(i) === 46) {
    i++;
    while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      if (mant !== 0 || c !== 48) digits++;
      mant = mant * 10 + (c - 48);
      scale--;
      any = true;
      i++;
    }
  }
  if (!any) return NaN;
  if (i < end && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    let eneg = false;
    c = s.charCodeAt(i);
    if (c === 45) {
      eneg = true;
      i++;
    } else if (c === 43) i++;
    let e = 0;
    let expDigits = false;
    while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      if (e < 100000) e = e * 10 + (c - 48);
      expDigits = true;
      i++;
    }
    if (!expDigits) return NaN;
    scale += eneg ? -e : e;
  }
  if (i !== end) return NaN;
  if (digits > 15 || scale < -22 || scale > 22) return Number(s.slice(start, end));
  const v = scale < 0 ? mant / POW10[-scale] : mant * POW10[scale];
  return neg ? -v : v;
}

/**
 * `parseDecimalRange` over bytes (ASCII digits of a UTF-8 line), so the ARPA reader needs no string per
 * line: same grammar, same result (`Number()`'s correctly rounded double), NaN when not a number.
 */
export function parseDecimalBytes(s: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  let c = s[i];
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let mant = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  while (i < end && (c = s[i]) >= 48 && c <= 57) {
    if (mant !== 0 || c !== 48) digits++;
    mant = mant * 10 + (c - 48);
    any = true;
    i++;
  }
  if (i < end && s[i] === 46) {
    i++;
    while (i < end && (c = s[i]) >= 48 && c <= 57) {
      if (mant !== 0 || c !== 48) digits++;
      mant = mant * 10 + (c - 48);
      scale--;
      any = true;
      i++;
    }
  }
  if (!any) return NaN;
  if (i < end && ((c = s[i]) === 101 || c === 69)) {
    i++;
    let eneg = false;
    c = s[i];
    if (c === 45) {
      eneg = true;
      i++;
    } else if (c === 43) i++;
    let e = 0;
    let expDigits = false;
    while (i < end && (c = s[i]) >= 48 && c <= 57) {
      if (e < 100000) e = e * 10 + (c - 48);
      expDigits = true;
      i++;
    }
    if (!expDigits) return NaN;
    scale += eneg ? -e : e;
  }
  if (i !== end) return NaN;
  if (digits > 15 || scale < -22 || scale > 22) {
    let text = '';
    for (let k = start; k < end; k++) text += String.fromCharCode(s[k]);
    return Number(text);
  }
  const v = scale < 0 ? mant / POW10[-scale] : mant * POW10[scale];
  return neg ? -v : v;
}
