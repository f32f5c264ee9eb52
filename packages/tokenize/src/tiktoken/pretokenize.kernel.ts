/**
 * Hand-written pre-tokenizers that split UTF-8 bytes exactly as tiktoken's regexes split text.
 *
 * Why not the regex: a JavaScript regex allocates a match object per piece and works on UTF-16, while
 * BPE needs UTF-8 byte ranges. These scanners walk the UTF-8 buffer once, allocate nothing, and return
 * the end of the piece that starts at `p` — the same piece the regex's leftmost-first alternation,
 * greedy quantifiers and backtracking would produce. Each alternative is commented with the part of
 * the pattern it implements; `pretokenize.reference.ts` holds the regexes, and the tests compare the
 * two on random text. Every scanner runs in time linear in the piece it returns.
 *
 * The input must be well-formed UTF-8 (as `TextEncoder` produces: lone surrogates arrive as U+FFFD).
 */
import { LETTER, LOWERISH, MARK, NUMBER, SPACE, UPPERISH, classOf } from './char-class.js';

/** Given a piece start `p` < `end`, returns the end of that piece. */
export type PieceScanner = (buf: Uint8Array, p: number, end: number) => number;

/** Byte length of a UTF-8 sequence, by its lead byte. */
const SEQ_LEN = new Uint8Array(256);
for (let b = 0; b < 256; b++) SEQ_LEN[b] = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = classOf(c);

const LNS = LETTER | NUMBER | SPACE;
const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const APOSTROPHE = 0x27;

function classAt(buf: Uint8Array, b: number): number {
  const lead = buf[b];
  if (lead < 0x80) return ASCII_CLASS[lead];
  let cp: number;
  if (lead < 0xe0) cp = ((lead & 0x1f) << 6) | (buf[b + 1] & 0x3f);
  else if (lead < 0xf0) cp = ((lead & 0x0f) << 12) | ((buf[b + 1] & 0x3f) << 6) | (buf[b + 2] & 0x3f);
  else cp = ((lead & 0x07) << 18) | ((buf[b + 1] & 0x3f) << 12) | ((buf[b + 2] & 0x3f) << 6) | (buf[b + 3] & 0x3f);
  return classOf(cp);
}

/** Advances over code points whose class has any bit of `mask`. */
function runOf(buf: Uint8Array, b: number, end: number, mask: number): number {
  while (b < end && (classAt(buf, b) & mask) !== 0) b += SEQ_LEN[buf[b]];
  return b;
}

/** `[^\s\p{L}\p{N}]+`: advances over code points that are neither letters, numbers nor space. */
function runOfOther(buf: Uint8Array, b: number, end: number): number {
  while (b < end && (classAt(buf, b) & LNS) === 0) b += SEQ_LEN[buf[b]];
  return b;
}

/** `\s+(?!\S)|\s+` at `p` (a space): the run, less its last code point when a non-space follows. */
function spaceEnd(buf: Uint8Array, p: number, end: number): number {
  let e = p;
  let last = p;
  while (e < end && (classAt(buf, e) & SPACE) !== 0) {
    last = e;
    e += SEQ_LEN[buf[e]];
  }
  if (e === end || last === p) return e;
  return last;
}

/** `\s*[\r\n]+|\s+(?!\S)|\s+` at `p` (a space): up to the last newline of the run, else as `spaceEnd`. */
function spaceOrNewlineEnd(buf: Uint8Array, p: number, end: number): number {
  let e = p;
  let last = p;
  let lastNewline = -1;
  for (;;) {
    if (e >= end) break;
    const c = buf[e];
    if (c === LF || c === CR) lastNewline = e;
    else if ((classAt(buf, e) & SPACE) === 0) break;
    last = e;
    e += SEQ_LEN[c];
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (e === end || last === p) return e;
  return last;
}

/**
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `p` (an apostrophe): the end of the contraction, or -1.
 * Case-insensitive as Unicode simple case folding has it: `s` also matches U+017F (ſ).
 */
function contractionEndIgnoreCase(buf: Uint8Array, p: number, end: number): number {
  if (p + 1 >= end) return -1;
  const c1 = buf[p + 1] | 0x20; // ASCII lower case; no other byte folds onto a-z this way
  if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) return p + 2; // s t m d
  if (p + 2 >= end) return -1;
  const c2 = buf[p + 2];
  if (buf[p + 1] === 0xc5 && c2 === 0xbf) return p + 3; // ſ (U+017F) folds to s
  const l2 = c2 | 0x20;
  if ((c1 === 0x72 || c1 === 0x76) && l2 === 0x65) return p + 3; // re ve
  if (c1 === 0x6c && l2 === 0x6c) return p + 3; // ll
  return -1;
}

/** `'s|'t|'re|'ve|'m|'ll|'d` (case-sensitive) at `p` (an apostrophe): the end, or -1. */
function contractionEnd(buf: Uint8Array, p: number, end: number): number {
  if (p + 1 >= end) return -1;
  const c1 = buf[p + 1];
  if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) return p + 2;
  if (p + 2 >= end) return -1;
  const c2 = buf[p + 2];
  if ((c1 === 0x72 || c1 === 0x76) && c2 === 0x65) return p + 3;
  if (c1 === 0x6c && c2 === 0x6c) return p + 3;
  return -1;
}

/**
 * gpt2, r50k_base, p50k_base, p50k_edit:
 * `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
 */
export const scanR50k: PieceScanner = (buf, p, end) => {
  const c = buf[p];
  if (c === APOSTROPHE) {
    const e = contractionEnd(buf, p, end);
    if (e >= 0) return e;
  }
  // ` ?X+`: the optional space is taken only when the next code point starts an X run.
  const q = c === SP && p + 1 < end ? p + 1 : p;
  const cls = classAt(buf, q);
  if ((cls & LETTER) !== 0) return runOf(buf, q, end, LETTER);
  if ((cls & NUMBER) !== 0) return runOf(buf, q, end, NUMBER);
  if ((cls & SPACE) === 0) return runOfOther(buf, q, end);
  return spaceEnd(buf, p, end);
};

/**
 * cl100k_base:
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
 */
export const scanCl100k: PieceScanner = (buf, p, end) => {
  const c = buf[p];
  if (c === APOSTROPHE) {
    const e = contractionEndIgnoreCase(buf, p, end);
    if (e >= 0) return e;
  }
  const cls = classAt(buf, p);
  // `[^\r\n\p{L}\p{N}]?\p{L}+`
  if ((cls & LETTER) !== 0) return runOf(buf, p, end, LETTER);
  if ((cls & NUMBER) === 0 && c !== LF && c !== CR) {
    const q = p + SEQ_LEN[c];
    if (q < end && (classAt(buf, q) & LETTER) !== 0) return runOf(buf, q, end, LETTER);
  }
  // `\p{N}{1,3}`
  if ((cls & NUMBER) !== 0) return numbersUpTo3(buf, p, end);
  // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
  const q = c === SP && p + 1 < end ? p + 1 : p;
  if ((classAt(buf, q) & LNS) === 0) {
    let e = runOfOther(buf, q, end);
    while (e < end && (buf[e] === LF || buf[e] === CR)) e++;
    return e;
  }
  return spaceOrNewlineEnd(buf, p, end);
};

/**
 * o200k_base (U = `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`, W = `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`, C = `(?i:'s|'t|'re|'ve|'m|'ll|'d)`):
 * `[^\r\n\p{L}\p{N}]?U*W+C?|[^\r\n\p{L}\p{N}]?U+W*C?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
 */
export const scanO200k: PieceScanner = (buf, p, end) => {
  const c = buf[p];
  const cls = classAt(buf, p);
  // The optional prefix `[^\r\n\p{L}\p{N}]?` is tried present first, then absent. Absent can only
  // succeed where the prefix code point is itself a mark (marks are in U and W but not in \p{L}).
  const canPrefix = (cls & (LETTER | NUMBER)) === 0 && c !== LF && c !== CR;
  const s = canPrefix ? p + SEQ_LEN[c] : p;
  let e = upperStarLowerPlus(buf, s, end);
  if (e < 0 && canPrefix && (cls & MARK) !== 0) e = upperStarLowerPlus(buf, p, end);
  if (e < 0) {
    e = upperPlusLowerStar(buf, s, end);
    if (e < 0 && canPrefix && (cls & MARK) !== 0) e = upperPlusLowerStar(buf, p, end);
  }
  if (e >= 0) {
    if (e < end && buf[e] === APOSTROPHE) {
      const ce = contractionEndIgnoreCase(buf, e, end);
      if (ce >= 0) return ce;
    }
    return e;
  }
  if ((cls & NUMBER) !== 0) return numbersUpTo3(buf, p, end);
  // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
  const q = c === SP && p + 1 < end ? p + 1 : p;
  if ((classAt(buf, q) & LNS) === 0) {
    let e2 = runOfOther(buf, q, end);
    while (e2 < end && (buf[e2] === LF || buf[e2] === CR || buf[e2] === 0x2f)) e2++;
    return e2;
  }
  return spaceOrNewlineEnd(buf, p, end);
};

/** `\p{N}{1,3}` at `p` (a number). */
function numbersUpTo3(buf: Uint8Array, p: number, end: number): number {
  let e = p;
  for (let k = 0; k < 3 && e < end && (classAt(buf, e) & NUMBER) !== 0; k++) e += SEQ_LEN[buf[e]];
  return e;
}

/**
 * `U*W+` at `s`, or -1. U* takes its longest run; if W+ cannot follow, the regex gives back U code
 * points one by one until one of them is also in W, and W+ then ends right after it.
 */
function upperStarLowerPlus(buf: Uint8Array, s: number, end: number): number {
  let a = s;
  let lastLower = -1;
  while (a < end) {
    const cls = classAt(buf, a);
    if ((cls & UPPERISH) === 0) break;
    if ((cls & LOWERISH) !== 0) lastLower = a;
    a += SEQ_LEN[buf[a]];
  }
  if (a < end && (classAt(buf, a) & LOWERISH) !== 0) return runOf(buf, a, end, LOWERISH);
  return lastLower < 0 ? -1 : lastLower + SEQ_LEN[buf[lastLower]];
}

/** `U+W*` at `s`, or -1. */
function upperPlusLowerStar(buf: Uint8Array, s: number, end: number): number {
  if (s >= end || (classAt(buf, s) & UPPERISH) === 0) return -1;
  return runOf(buf, runOf(buf, s, end, UPPERISH), end, LOWERISH);
}
