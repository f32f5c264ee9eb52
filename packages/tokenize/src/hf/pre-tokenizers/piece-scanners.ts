/**
 * Hand-written scanners for the two pre-tokenization regexes found in most byte-level files, over UTF-16
 * text (Oniguruma: `\s` is Unicode White_Space):
 * - GPT-2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
 * - Llama 3 (= cl100k): `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
 * Every character belongs to some alternative, so the pieces cover the text; a scanner returns the end
 * of the piece starting at `p`, as the regex's leftmost-first alternation with backtracking would,
 * without allocating a match object per piece. The tests compare them with the reference.
 */
import { LETTER as LETTER_BIT, NUMBER as NUMBER_BIT, SPACE as SPACE_BIT, classOf as classOfImported } from '../../tiktoken/char-class.js';
import type { MatchSplits } from '../normalized-string.js';

// Local copies: some loaders (tsx, bundlers emitting CommonJS) turn each use of an import into a
// getter call, which the scanners would pay once per character.
const LETTER = LETTER_BIT;
const NUMBER = NUMBER_BIT;
const SPACE = SPACE_BIT;
const classOf = classOfImported;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = classOf(c);

function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 0x80 ? ASCII_CLASS[c]! : classOf(s.codePointAt(i)!);
}

function step(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

function runOf(s: string, i: number, mask: number): number {
  const n = s.length;
  while (i < n && (classAt(s, i) & mask) !== 0) i = step(s, i);
  return i;
}

function runOfOther(s: string, i: number): number {
  const n = s.length;
  while (i < n && (classAt(s, i) & (LETTER | NUMBER | SPACE)) === 0) i = step(s, i);
  return i;
}

/** `'s|'t|'re|'ve|'m|'ll|'d` at an apostrophe: the end, or -1. */
function contractionEnd(s: string, p: number): number {
  const c1 = s.charCodeAt(p + 1);
  if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) return p + 2;
  const c2 = s.charCodeAt(p + 2);
  if ((c1 === 0x72 || c1 === 0x76) && c2 === 0x65) return p + 3;
  if (c1 === 0x6c && c2 === 0x6c) return p + 3;
  return -1;
}

/** The end of the GPT-2 piece starting at `p` (< s.length). */
export function gpt2PieceEnd(s: string, p: number): number {
  const n = s.length;
  const c = s.charCodeAt(p);
  if (c === 0x27) {
    const e = contractionEnd(s, p);
    if (e >= 0) return e;
  }
  // ` ?X+`: the optional space is taken only when an X run follows it.
  const q = c === 0x20 && p + 1 < n ? p + 1 : p;
  const cls = classAt(s, q);
  if ((cls & LETTER) !== 0) return runOf(s, q, LETTER);
  if ((cls & NUMBER) !== 0) return runOf(s, q, NUMBER);
  if ((cls & SPACE) === 0) return runOfOther(s, q);
  // `\s+(?!\S)|\s+`: the space run, less its last character when a non-space follows (White_Space is all BMP).
  let e = p;
  while (e < n && (classAt(s, e) & SPACE) !== 0) e++;
  if (e === n || e - p === 1) return e;
  return e - 1;
}

/** The GPT-2 pieces of `s` as a match cover (every piece is a match). */
export function gpt2Splits(s: string): MatchSplits {
  if (s.length === 0) return [[0, 0, false]];
  const out: MatchSplits = [];
  for (let p = 0; p < s.length; ) {
    const e = gpt2PieceEnd(s, p);
    out.push([p, e, true]);
    p = e;
  }
  return out;
}

export const LLAMA3_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at an apostrophe: the end, or -1. `s` also matches ſ (U+017F) under case folding. */
function contractionEndIgnoreCase(s: string, p: number): number {
  const a = s.charCodeAt(p + 1);
  const la = isAsciiLetter(a) ? a | 0x20 : a === 0x17f ? 0x73 : -1;
  if (la === 0x73 || la === 0x74 || la === 0x6d || la === 0x64) return p + 2; // s t m d
  const b = s.charCodeAt(p + 2);
  const lb = isAsciiLetter(b) ? b | 0x20 : -1;
  if ((la === 0x72 || la === 0x76) && lb === 0x65) return p + 3; // re ve
  if (la === 0x6c && lb === 0x6c) return p + 3; // ll
  return -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The end of the Llama 3 piece starting at `p` (< s.length). */
export function llama3PieceEnd(s: string, p: number): number {
  const n = s.length;
  const c = s.charCodeAt(p);
  if (c === 0x27) {
    const e = contractionEndIgnoreCase(s, p);
    if (e >= 0) return e;
  }
  const cls = classAt(s, p);
  // `[^\r\n\p{L}\p{N}]?\p{L}+`
  if ((cls & LETTER) !== 0) return runOf(s, p, LETTER);
  if ((cls & NUMBER) === 0 && c !== 0x0a && c !== 0x0d) {
    const q = step(s, p);
    if (q < n && (classAt(s, q) & LETTER) !== 0) return runOf(s, q, LETTER);
  }
  // `\p{N}{1,3}`
  if ((cls & NUMBER) !== 0) {
    let e = p;
    for (let k = 0; k < 3 && e < n && (classAt(s, e) & NUMBER) !== 0; k++) e = step(s, e);
    return e;
  }
  // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
  const q = c === 0x20 && p + 1 < n ? p + 1 : p;
  if ((classAt(s, q) & (LETTER | NUMBER | SPACE)) === 0) {
    let e = runOfOther(s, q);
    while (e < n && (s.charCodeAt(e) === 0x0a || s.charCodeAt(e) === 0x0d)) e++;
    return e;
  }
  // `\s*[\r\n]+|\s+(?!\S)|\s+`: up to the last newline of the space run, else as GPT-2's.
  let e = p;
  let lastNewline = -1;
  while (e < n && (classAt(s, e) & SPACE) !== 0) {
    const d = s.charCodeAt(e);
    if (d === 0x0a || d === 0x0d) lastNewline = e;
    e++;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (e === n || e - p === 1) return e;
  return e - 1;
}

/** The Llama 3 pieces of `s` as a match cover (every piece is a match). */
export function llama3Splits(s: string): MatchSplits {
  if (s.length === 0) return [[0, 0, false]];
  const out: MatchSplits = [];
  for (let p = 0; p < s.length; ) {
    const e = llama3PieceEnd(s, p);
    out.push([p, e, true]);
    p = e;
  }
  return out;
}
