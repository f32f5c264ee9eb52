/**
 * spans.ts's tokenizers on UTF-8 bytes instead of UTF-16 code units: a line's tokens as [start, end)
 * byte spans, for input that was never decoded (TextLines). Exact on valid UTF-8 because everything
 * 13a's regular expressions look at is ASCII (punctuation classes, [0-9], [.,], '-', the rewrites'
 * '<skipped>' and entities): a multi-byte character is a run of plain non-digit bytes to them, and
 * only Python's whitespace needs a multi-byte check (utf8.ts). Positions and adjacency of the ASCII
 * characters 13a tests are the same in bytes as in characters.
 *
 * The result object is shared and overwritten by the next call; `bytes` is the input, or a scratch
 * buffer holding a rewritten line (see `scanText`).
 */
import { ASCII_WS, pyWsMultiAt } from './utf8.js';

export interface ByteSpans {
  bytes: Uint8Array;
  /** Token k is bytes[spans[2k] .. spans[2k + 1]). */
  spans: Int32Array;
  count: number;
}

const out: ByteSpans = { bytes: new Uint8Array(0), spans: new Int32Array(8192), count: 0 };
// per byte of the line (index relative to its start): see spans.ts's gap
let gap = new Uint8Array(4096);
let periods = new Int32Array(4096);
let dashes = new Int32Array(4096);
let scratch = Buffer.allocUnsafeSlow(4096);

function reserve(n: number): void {
  if (out.spans.length < 2 * n) out.spans = new Int32Array(4 * n);
  if (gap.length < n + 1) gap = new Uint8Array(2 * (n + 1));
  if (periods.length < n) {
    periods = new Int32Array(2 * n);
    dashes = new Int32Array(2 * n);
  }
}

/** Python `s.split()` over b[start .. end) as spans. */
export function scanWhitespaceBytes(b: Uint8Array, start: number, end: number): ByteSpans {
  reserve(end - start);
  out.bytes = b;
  const sp = out.spans;
  let count = 0;
  let tok = -1;
  for (let i = start; i < end; i++) {
    const c = b[i];
    const ws = c < 0x80 ? ASCII_WS[c] : c === 0xc2 || c >= 0xe1 ? pyWsMultiAt(b, i, end) : 0;
    if (ws !== 0) {
      if (tok >= 0) {
        sp[2 * count] = tok;
        sp[2 * count++ + 1] = i;
        tok = -1;
      }
      i += ws - 1;
    } else if (tok < 0) tok = i;
  }
  if (tok >= 0) {
    sp[2 * count] = tok;
    sp[2 * count++ + 1] = end;
  }
  out.count = count;
  return out;
}

/** `text` (already fully transformed, e.g. tokenized or lowercased) written as UTF-8 into a scratch buffer. */
export function toScratch(text: string): number {
  const need = 3 * text.length;
  if (scratch.length < need) scratch = Buffer.allocUnsafeSlow(2 * need);
  return scratch.write(text, 0);
}

/** b[start .. end) (ASCII) lowercased into the scratch buffer; returns its length. */
export function asciiLowerToScratch(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (scratch.length < n) scratch = Buffer.allocUnsafeSlow(2 * n);
  for (let i = 0; i < n; i++) {
    const c = b[start + i];
    scratch[i] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return n;
}

/** The scratch buffer (valid up to the length the last write into it returned). */
export function scratchBytes(): Uint8Array {
  return scratch;
}

/** Python `text.split()` of a string, as byte spans over the scratch buffer. */
export function scanWhitespaceText(text: string): ByteSpans {
  const n = toScratch(text);
  return scanWhitespaceBytes(scratch, 0, n);
}

// Per ASCII byte, as in spans.ts: PUNCT = 13a's first class `[{-~[-`\x20-&(-+:-@/]`; PC = [.,]; DASH = '-'.
const PUNCT = 1;
const PC = 2;
const DASH = 4;
const WS_CLASS = 8;
const SPECIAL = 16; // '<' and '&': the 13a rewrites start with one of these ('\n' cannot occur in a line)
const CLASS = new Uint8Array(256);
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
for (let c = 0; c < 128; c++) if (ASCII_WS[c]) CLASS[c] |= WS_CLASS;
CLASS[0x3c] |= SPECIAL;
CLASS[0x26] |= SPECIAL;
const MULTI = 32; // lead bytes of the non-ASCII whitespace characters
for (const c of [0xc2, 0xe1, 0xe2, 0xe3]) CLASS[c] = MULTI;

/** 13a's rewrites before the post-tokenizer ('\n' cannot occur: TextLines split at it). */
export function rewrite13a(line: string): string {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
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
 * sacreBLEU's 13a tokenizer over the bytes b[start .. end) of a line without "\n" (spans.ts's scan13a
 * step for step). A line whose '<' or '&' starts one of 13a's rewrites is decoded, rewritten and
 * scanned from the scratch buffer (rare). Split into small functions that V8 optimizes separately:
 * as one function its optimizing compile alone cost tens of ms of CPU on a cold run.
 */
export function scan13aBytes(b: Uint8Array, start: number, end: number): ByteSpans {
  if (mark13a(b, start, end)) {
    const line = Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8', start, end);
    const rewritten = rewrite13a(line);
    if (rewritten !== line) {
      const m = toScratch(rewritten);
      mark13a(scratch, 0, m);
      return finish13a(scratch, 0, m);
    }
  }
  return finish13a(b, start, end);
}

// step 1's findings for finish13a: how many [.,] and dashes it noted
let nPeriods = 0;
let nDashes = 0;

/** Step 1 into `gap`; true when the line has a '<' or '&' (it may need 13a's rewrites). */
function mark13a(b: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  reserve(n);
  const g = gap;
  let np = 0;
  let nd = 0;
  let special = false;
  // 1. ' $1 ' around each punctuation/symbol char; note whitespace, [.,] and dashes (i relative to start)
  g[0] = 0;
  for (let i = 0; i < n; i++) {
    const k = CLASS[b[start + i]];
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
    else if (k === MULTI) i += markMulti(b, start, end, i);
    else g[i] |= WS;
    g[i + 1] = 0;
  }
  nPeriods = np;
  nDashes = nd;
  return special;
}

/** A non-ASCII whitespace character at relative position i: mark its bytes; returns its length - 1 (or 0). */
function markMulti(b: Uint8Array, start: number, end: number, i: number): number {
  const len = pyWsMultiAt(b, start + i, end);
  if (len === 0) return 0;
  gap[i] |= WS;
  for (let j = 1; j < len; j++) gap[i + j] = WS;
  return len - 1;
}

/** Steps 2-4 of 13a on the marks of mark13a, then the tokens. */
function finish13a(b: Uint8Array, start: number, end: number): ByteSpans {
  const n = end - start;
  const g = gap;
  const np = nPeriods;
  const nd = nDashes;
  out.bytes = b;

  // Steps 2-4 repeat spans.ts's on purpose: one function over both UTF-8 bytes and UTF-16 code units
  // would make V8's element loads in this hot loop polymorphic.
  // 2. ([^0-9])([.,]) -> '$1 $2 '; the padding before the first byte is a non-digit.
  let prevPos = -2;
  let prevMatched = false;
  for (let t = 0; t < np; t++) {
    const j = periods[t];
    const m: boolean = (g[j] & STEP1) !== 0 || ((j === 0 || !isDigit(b[start + j - 1])) && !(prevMatched && prevPos === j - 1));
    if (m) {
      g[j] |= STEP2;
      g[j + 1] |= STEP2;
    }
    prevPos = j;
    prevMatched = m;
  }

  // 3. ([.,])([^0-9]) -> ' $1 $2'; the padding after the last byte is a non-digit.
  const before3 = STEP1 | STEP2;
  prevPos = -2;
  prevMatched = false;
  for (let t = 0; t < np; t++) {
    const k = periods[t];
    let m = false;
    if (!(prevMatched && prevPos === k - 1 && (g[k] & before3) === 0)) {
      m = (g[k + 1] & before3) !== 0 || k + 1 >= n || !isDigit(b[start + k + 1]);
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
    if (k > 0 && (g[k] & before4) === 0 && isDigit(b[start + k - 1])) {
      g[k] |= STEP4;
      g[k + 1] |= STEP4;
    }
  }
  return collapse(start, end);
}

/** Tokens: the runs of non-whitespace bytes with no inserted space inside. */
function collapse(start: number, end: number): ByteSpans {
  const n = end - start;
  const g = gap;
  const sp = out.spans;
  let count = 0;
  let tok = -1;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    if (gi !== 0) {
      if (tok >= 0) {
        sp[2 * count] = start + tok;
        sp[2 * count++ + 1] = start + i;
        tok = -1;
      }
      if ((gi & WS) !== 0) continue;
    }
    if (tok < 0) tok = i;
  }
  if (tok >= 0) {
    sp[2 * count] = start + tok;
    sp[2 * count++ + 1] = end;
  }
  out.count = count;
  return out;
}
