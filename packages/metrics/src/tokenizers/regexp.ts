import { isPyWs, pyNormalizeSpaces } from '../pystr.js';

/**
 * The mteval-style post-tokenizer shared by `13a` and `zh` (sacreBLEU's TokenizerRegexp): pad
 * ASCII punctuation and symbols with spaces, split `.` and `,` unless between digits, split a
 * dash after a digit, then collapse Python whitespace. Digits are ASCII only, as in Python's `[0-9]`.
 *
 * `postTokenizeRegex` is that chain of regex replacements, kept as the reference (the tests compare
 * the fast version against it). `postTokenizeTokens` computes the same result in a few passes over
 * char codes without building intermediate strings: every replacement only INSERTS spaces, so the
 * result is the input with spaces inserted at some gaps, and its tokens are substrings of the input.
 */
const PUNCT = /([{-~[-`\x20-&(-+:-@/])/gu;
const NONDIGIT_PERIOD = /([^0-9])([.,])/gu;
const PERIOD_NONDIGIT = /([.,])([^0-9])/gu;
const DIGIT_DASH = /([0-9])(-)/gu;

/** The reference implementation: sacreBLEU's four regex substitutions, then whitespace collapsing. */
export function postTokenizeRegex(line: string): string {
  line = line.replace(PUNCT, ' $1 ');
  line = line.replace(NONDIGIT_PERIOD, '$1 $2 ');
  line = line.replace(PERIOD_NONDIGIT, ' $1 $2');
  line = line.replace(DIGIT_DASH, '$1 $2 ');
  return pyNormalizeSpaces(line);
}

/** Same result as `postTokenizeRegex`. */
export function postTokenize(line: string): string {
  return postTokenizeTokens(line).join(' ');
}

/** The class of the first substitution, `[{-~[-`\x20-&(-+:-@/]`, as a table over ASCII. */
const IS_PUNCT = new Uint8Array(128);
for (const [lo, hi] of [
  [0x7b, 0x7e],
  [0x5b, 0x60],
  [0x20, 0x26],
  [0x28, 0x2b],
  [0x3a, 0x40],
  [0x2f, 0x2f],
]) {
  for (let c = lo; c <= hi; c++) IS_PUNCT[c] = 1;
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isPeriodComma = (c: number): boolean => c === 0x2e || c === 0x2c;

// gap[i] says which substitution inserted a space just before char i (gap[n]: after the last char),
// one bit per step, so each step can match against the string as it was BEFORE that step (a regex
// replacement matches on its input, not on its own output).
const STEP1 = 1;
const STEP2 = 2;
const STEP3 = 4;
const STEP4 = 8;
let gap = new Uint8Array(1024);
// positions of the chars steps 2-4 can act on, collected by step 1 so those steps skip everything else
let periods = new Int32Array(256);
let dashes = new Int32Array(256);

/** The tokens of `postTokenizeRegex(line)` (its result split on spaces), without intermediate strings. */
export function postTokenizeTokens(line: string): string[] {
  const n = line.length;
  if (gap.length < n + 1) gap = new Uint8Array(2 * (n + 1));
  if (periods.length < n) {
    periods = new Int32Array(2 * n);
    dashes = new Int32Array(2 * n);
  }
  const g = gap;
  g.fill(0, 0, n + 1);

  // 1. ' $1 ' around each punctuation/symbol char (code units: the class is ASCII, and a surrogate never matches).
  let np = 0;
  let nd = 0;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c < 128 && IS_PUNCT[c] === 1) {
      g[i] |= STEP1;
      g[i + 1] |= STEP1;
    } else if (isPeriodComma(c)) periods[np++] = i;
    else if (c === 0x2d) dashes[nd++] = i;
  }

  // Steps 2-4 as counting/spans.ts does them for corpus BLEU, but on the line itself (no padding
  // around it), so the edges differ; kept apart for that and for speed.
  // 2. ([^0-9])([.,]) -> '$1 $2 '. Matches are left to right and do not overlap: a [.,] right after
  // a matched [.,] (no space between them yet) was consumed as that match's second char, so it
  // cannot be this match's first one. A space inserted by step 1 is a non-digit.
  let prevPos = -2;
  let prevMatched = false;
  for (let t = 0; t < np; t++) {
    const j = periods[t];
    const m: boolean =
      (g[j] & STEP1) !== 0 || (j > 0 && !isDigit(line.charCodeAt(j - 1)) && !(prevMatched && prevPos === j - 1));
    if (m) {
      g[j] |= STEP2;
      g[j + 1] |= STEP2;
    }
    prevPos = j;
    prevMatched = m;
  }

  // 3. ([.,])([^0-9]) -> ' $1 $2'. A [.,] is skipped when the previous match consumed it as its
  // second char (the previous char was a matched [.,] with no inserted space between them).
  const before3 = STEP1 | STEP2;
  prevPos = -2;
  prevMatched = false;
  for (let t = 0; t < np; t++) {
    const k = periods[t];
    let m = false;
    if (!(prevMatched && prevPos === k - 1 && (g[k] & before3) === 0)) {
      // the next char is an inserted space, else the next input char; at the end there is none
      m = (g[k + 1] & before3) !== 0 || (k + 1 < n && !isDigit(line.charCodeAt(k + 1)));
    }
    if (m) {
      g[k] |= STEP3;
      g[k + 1] |= STEP3;
    }
    prevPos = k;
    prevMatched = m;
  }

  // 4. ([0-9])(-) -> '$1 $2 ': a dash right after a digit (no inserted space between them).
  const before4 = STEP1 | STEP2 | STEP3;
  for (let t = 0; t < nd; t++) {
    const k = dashes[t];
    if (k > 0 && (g[k] & before4) === 0 && isDigit(line.charCodeAt(k - 1))) {
      g[k] |= STEP4;
      g[k + 1] |= STEP4;
    }
  }

  // Collapse: tokens are the runs of non-(Python-)whitespace chars with no inserted space inside.
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    const ws = c === 0x20 || isPyWs(c);
    if (start >= 0 && (ws || g[i] !== 0)) {
      out.push(line.slice(start, i));
      start = -1;
    }
    if (!ws && start < 0) start = i;
  }
  if (start >= 0) out.push(line.slice(start, n));
  return out;
}
