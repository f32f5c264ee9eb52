/**
 * A sentence's tokens as [start, end) spans over its UTF-16 code units, copied once into a reused
 * Uint16Array, so that word ids can be computed (`WordTable.id`) without a substring per token.
 * The result object and its arrays are shared and overwritten by the next call.
 */
import { isPyWs } from '../pystr.js';
import { codeUnits } from './units.js';

export interface TokenSpans {
  /** The code units of the scanned text (valid up to `length`; the shared buffer of `codeUnits`). */
  cu: Uint16Array;
  length: number;
  /** Token k is cu[spans[2k] .. spans[2k + 1]). */
  spans: Int32Array;
  count: number;
}

const out: TokenSpans = { cu: new Uint16Array(0), length: 0, spans: new Int32Array(8192), count: 0 };
// gap[i]: bits 1..8 = which 13a substitution inserted a space before char i; WS = char i is whitespace
// Sized for 4,096-unit lines up front: a buffer that grows mid-run takes a path the JIT has not seen,
// which deoptimizes every function the scan is inlined into (a recompile of tens of ms each).
let gap = new Uint8Array(4096);
let periods = new Int32Array(4096);
let dashes = new Int32Array(4096);

/** Room for a text of n code units: up to n tokens of 2 span ends each. */
function reserve(n: number): void {
  if (out.spans.length < 2 * n) out.spans = new Int32Array(4 * n);
  if (gap.length < n + 1) gap = new Uint8Array(2 * (n + 1));
}

/** Python `s.split()` as spans. */
export function scanWhitespace(s: string): TokenSpans {
  const n = s.length;
  reserve(n);
  const cu = (out.cu = codeUnits(s));
  const sp = out.spans;
  let count = 0;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = cu[i];
    if (c < 0x85 ? c <= 0x20 && isPyWs(c) : isPyWs(c)) {
      if (start >= 0) {
        sp[2 * count] = start;
        sp[2 * count++ + 1] = i;
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) {
    sp[2 * count] = start;
    sp[2 * count++ + 1] = n;
  }
  out.length = n;
  out.count = count;
  return out;
}

// Per ASCII char: PUNCT = the class of 13a's first substitution, `[{-~[-`\x20-&(-+:-@/]`; PC = [.,];
// DASH = '-'; WS = Python whitespace.
const PUNCT = 1;
const PC = 2;
const DASH = 4;
const WS_CLASS = 8;
const CLASS = new Uint8Array(128);
for (const [lo, hi] of [
  [0x7b, 0x7e],
  [0x5b, 0x60],
  [0x20, 0x26],
  [0x28, 0x2b],
  [0x3a, 0x40],
  [0x2f, 0x2f],
]) {
  for (let c = lo; c <= hi; c++) CLASS[c] = PUNCT;
}
CLASS[0x2e] = CLASS[0x2c] = PC;
CLASS[0x2d] = DASH;
for (let c = 0; c < 128; c++) if (isPyWs(c)) CLASS[c] |= WS_CLASS;

const SPECIAL = 16; // '<', '&', '\n': the 13a rewrites start with one of these
CLASS[0x3c] |= SPECIAL;
CLASS[0x26] |= SPECIAL;
CLASS[0x0a] |= SPECIAL;

/** 13a's rewrites before the post-tokenizer (the same as in tokens13a). */
function rewrite13a(line: string): string {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return line;
}

const STEP1 = 1;
const STEP2 = 2;
const STEP3 = 4;
const STEP4 = 8;
const WS = 16;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * sacreBLEU's `13a` tokenizer (the same tokens as `tokens13a`, see tokenizers/regexp.ts for the
 * reasoning behind each step) as spans. The one-space padding that 13a adds on each side is not
 * materialized: it is treated as a non-digit before the first and after the last char.
 */
export function scan13a(line: string): TokenSpans {
  let n = line.length;
  reserve(n);
  if (periods.length < n) {
    periods = new Int32Array(2 * n);
    dashes = new Int32Array(2 * n);
  }
  let cu = (out.cu = codeUnits(line));
  const g = gap;
  let np = 0;
  let nd = 0;
  // 1. ' $1 ' around each punctuation/symbol char; note whitespace, [.,] and dashes. A line with
  // '<', '&' or '\n' may need 13a's rewrites first (dropping `<skipped>`, joining `-\n`, four entities):
  // those are applied and the pass redone only when they change the line, which is rare.
  for (let pass = 0; pass < 2; pass++) {
    let special = false;
    np = nd = 0;
    g[0] = 0;
    for (let i = 0; i < n; i++) {
      const c = cu[i];
      if (c < 128) {
        const k = CLASS[c];
        if (k === 0) {
          g[i + 1] = 0;
          continue;
        }
        if ((k & PUNCT) !== 0) {
          g[i] |= STEP1 | (k & WS_CLASS ? WS : 0);
          g[i + 1] = STEP1;
          if ((k & SPECIAL) !== 0) special = true;
          continue;
        }
        if (k === PC) periods[np++] = i;
        else if (k === DASH) dashes[nd++] = i;
        else {
          g[i] |= WS;
          if ((k & SPECIAL) !== 0) special = true;
        }
      } else if (isPyWs(c)) g[i] |= WS;
      g[i + 1] = 0;
    }
    if (!special || pass === 1) break;
    const rewritten = rewrite13a(line);
    if (rewritten === line) break;
    line = rewritten;
    n = line.length;
    cu = out.cu = codeUnits(line);
  }

  // Steps 2-4 repeat byte-spans.ts's on purpose (UTF-16 code units here, UTF-8 bytes there): one
  // shared function would make V8's element loads in this hot loop polymorphic.
  // 2. ([^0-9])([.,]) -> '$1 $2 '; the padding before char 0 is a non-digit.
  let prevPos = -2;
  let prevMatched = false;
  for (let t = 0; t < np; t++) {
    const j = periods[t];
    const m: boolean = (g[j] & STEP1) !== 0 || ((j === 0 || !isDigit(cu[j - 1])) && !(prevMatched && prevPos === j - 1));
    if (m) {
      g[j] |= STEP2;
      g[j + 1] |= STEP2;
    }
    prevPos = j;
    prevMatched = m;
  }

  // 3. ([.,])([^0-9]) -> ' $1 $2'; the padding after the last char is a non-digit.
  const before3 = STEP1 | STEP2;
  prevPos = -2;
  prevMatched = false;
  for (let t = 0; t < np; t++) {
    const k = periods[t];
    let m = false;
    if (!(prevMatched && prevPos === k - 1 && (g[k] & before3) === 0)) {
      m = (g[k + 1] & before3) !== 0 || k + 1 >= n || !isDigit(cu[k + 1]);
    }
    if (m) {
      g[k] |= STEP3;
      g[k + 1] |= STEP3;
    }
    prevPos = k;
    prevMatched = m;
  }

  // 4. ([0-9])(-) -> '$1 $2 '
  const before4 = STEP1 | STEP2 | STEP3;
  for (let t = 0; t < nd; t++) {
    const k = dashes[t];
    if (k > 0 && (g[k] & before4) === 0 && isDigit(cu[k - 1])) {
      g[k] |= STEP4;
      g[k + 1] |= STEP4;
    }
  }

  // Collapse: tokens are the runs of non-whitespace chars with no inserted space inside.
  const sp = out.spans;
  let count = 0;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    if (gi !== 0) {
      if (start >= 0) {
        sp[2 * count] = start;
        sp[2 * count++ + 1] = i;
        start = -1;
      }
      if ((gi & WS) !== 0) continue;
    }
    if (start < 0) start = i;
  }
  if (start >= 0) {
    sp[2 * count] = start;
    sp[2 * count++ + 1] = n;
  }
  out.length = n;
  out.count = count;
  return out;
}
