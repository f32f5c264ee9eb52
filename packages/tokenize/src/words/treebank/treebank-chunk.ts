/**
 * The Treebank rules for one chunk (a run of non-space) without regexes: every rule that can touch
 * a chunk, restated as a left-to-right scan (`treebank.reference.ts` holds the regexes; the tests
 * compare the two on random text). It gives up, and the chunk goes to the regex cascade, on a
 * backquote, a run of dots, an apostrophe that is not the only one or not between two ASCII
 * letters, `d'ye`/`more'n`, `wanna` before a non-space, and a few letters that case folding
 * equates with ASCII ones.
 */
import { DIGIT, PY_WORD, classAt, classBefore } from '../char-class.js';
import { isPySpace } from '../space.js';
import type { SpanBuilder } from '../span-builder.js';

/** Per ASCII code: what the scan does with it. */
const PLAIN = 0;
/** `;@#$%&?!` and brackets: always a token of its own (PUNCTUATION, PARENS_BRACKETS). */
const ALONE = 1;
/** `,` and `:`: alone unless a digit follows, and they take the next character out of play (`([:,])([^\d])`). */
const COMMA = 2;
const DOT = 3;
const HYPHEN = 4;
const QUOTE = 5;
const APOSTROPHE = 6;
/** ASCII letters: tracked for the contraction words. */
const LETTER = 7;
/** Python white space: the end of the chunk. */
const SPACE = 8;
/** `` ` ``: left to the cascade. */
const GIVE_UP = 9;

const ACTION = new Uint8Array(128);
for (const ch of ';@#$%&?![](){}<>') ACTION[ch.charCodeAt(0)] = ALONE;
ACTION[0x2c] = COMMA;
ACTION[0x3a] = COMMA;
ACTION[0x2e] = DOT;
ACTION[0x2d] = HYPHEN;
ACTION[0x22] = QUOTE;
ACTION[0x27] = APOSTROPHE;
ACTION[0x60] = GIVE_UP;
for (let c = 0x41; c <= 0x5a; c++) ACTION[c] = ACTION[c + 0x20] = LETTER;
for (let c = 0; c < 0x80; c++) if (isPySpace(c)) ACTION[c] = SPACE;

/** Characters after which `"` opens a quote (STARTING_QUOTES: `([ ([{<])"`). */
function opensBefore(c: number): boolean {
  return c === 0x20 || c === 0x28 || c === 0x5b || c === 0x7b || c === 0x3c;
}

/** Closing brackets and `"`: what may follow the final period (`(\.)([\]\)}>"']*)\s*$`). */
function closesAfterPeriod(c: number): boolean {
  return c === 0x5d || c === 0x29 || c === 0x7d || c === 0x3e || c === 0x22;
}

/** Lower-cased words that CONTRACTIONS2 splits after their third letter when they stand alone (`\b…\b`). */
const CONTRACTION_WORDS = new Set(['cannot', 'gimme', 'gonna', 'gotta', 'lemme']);
/** `wanna` splits too, but only when white space follows it (`(?=\s)`). */
const WANNA = 'wanna';

const NO_CONTRACTION = 0;
const CONTRACTION = 1;
const CONTRACTION_IF_SPACE = 2;

/** Whether ASCII letters `text[a..b)` of the chunk starting at `s` are a word that CONTRACTIONS2 splits. */
function contractionAt(text: string, s: number, a: number, b: number): number {
  const len = b - a;
  if (len !== 5 && len !== 6) return NO_CONTRACTION;
  const first = text.charCodeAt(a) | 0x20;
  if (first !== 0x63 && first !== 0x67 && first !== 0x6c && first !== 0x77) return NO_CONTRACTION; // c g l w
  // `\b` on both sides: the neighbours must not be word characters.
  if (a > s && (classBefore(text, a) & PY_WORD) !== 0) return NO_CONTRACTION;
  if (b < text.length && (classAt(text, b) & PY_WORD) !== 0) return NO_CONTRACTION;
  const word = text.slice(a, b).toLowerCase();
  return CONTRACTION_WORDS.has(word) ? CONTRACTION : word === WANNA ? CONTRACTION_IF_SPACE : NO_CONTRACTION;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * Whether the character at `j` (just after a word) is followed by a space once the PUNCTUATION,
 * PARENS_BRACKETS and DOUBLE_DASHES rules have padded their characters, as ENDING_QUOTES requires.
 */
function spaceAt(text: string, j: number): boolean {
  if (j >= text.length) return true; // the padding after the text
  const c = text.charCodeAt(j);
  if (c >= 0x80) return false;
  switch (ACTION[c]) {
    case ALONE:
    case QUOTE:
      return true;
    case SPACE:
      return c === 0x20;
    case COMMA:
      return j + 1 >= text.length || isPySpace(text.charCodeAt(j + 1)) || !isDigitAt(text, j + 1);
    case HYPHEN:
      return text.charCodeAt(j + 1) === 0x2d;
    case DOT: {
      let k = j + 1;
      while (k < text.length && closesAfterPeriod(text.charCodeAt(k))) k++;
      return onlySpaceFrom(text, k);
    }
    default:
      return false;
  }
}

/** Clitics that ENDING_QUOTES splits off after an apostrophe: `'s 'm 'd` and `'ll 're 've`, same case. */
function isClitic(text: string, a: number, b: number): boolean {
  const c = text.charCodeAt(a);
  if (b - a === 1) return c === 0x73 || c === 0x53 || c === 0x6d || c === 0x4d || c === 0x64 || c === 0x44; // sSmMdD
  if (b - a !== 2) return false;
  const d = text.charCodeAt(a + 1);
  return (
    (c === 0x6c && d === 0x6c) || (c === 0x4c && d === 0x4c) || // ll LL
    (c === 0x72 && d === 0x65) || (c === 0x52 && d === 0x45) || // re RE
    (c === 0x76 && d === 0x65) || (c === 0x56 && d === 0x45) // ve VE
  );
}

/** Non-ASCII letters that Python's or JavaScript's case-insensitive matching equate with ASCII ones. */
function foldsToAscii(c: number): boolean {
  return c === 0x130 || c === 0x131 || c === 0x17f || c === 0x212a;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80 ? c >= 0x30 && c <= 0x39 : (classAt(text, i) & DIGIT) !== 0;
}

/** Whether only white space follows index `i`. */
function onlySpaceFrom(text: string, i: number): boolean {
  while (i < text.length && isPySpace(text.charCodeAt(i))) i++;
  return i === text.length;
}

/** The end of the chunk that starts at `s`: the first white space after it, or the text's end. */
function chunkEnd(text: string, s: number): number {
  let i = s;
  while (i < text.length && !isPySpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * CONTRACTIONS2 on word `text[a..b)` (cannot → ` can not `): pushes what the token being read
 * (from `pending`) holds before the word, then the word's two halves; returns the new `pending` (none).
 */
function splitContraction(text: string, pending: number, a: number, b: number, out: SpanBuilder): number {
  if (pending >= 0 && pending < a) out.push(text.slice(pending, a), pending, a);
  out.push(text.slice(a, a + 3), a, a + 3);
  out.push(text.slice(a + 3, b), a + 3, b);
  return -1;
}

/**
 * Appends the Treebank tokens of the chunk that starts at `s` (a non-space character) to `out` and
 * returns the chunk's end. When the chunk needs the cascade it returns the end as `~end` (a
 * negative number), and what it appended must be dropped by the caller.
 */
export function treebankChunk(text: string, s: number, out: SpanBuilder): number {
  const n = text.length;
  let pending = -1; // start of the token being read, or -1
  let taken = false; // the previous character was the `\2` of a `([:,])([^\d])` match
  let run = -1; // start of the current run of ASCII letters
  let apostrophes = 0;
  let i = s;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    let action: number;
    if (c < 0x80) {
      action = ACTION[c];
      if (action === LETTER) {
        if (run < 0) run = i;
        if (pending < 0) pending = i;
        taken = false;
        continue;
      }
      if (action === SPACE) break;
    } else if (isPySpace(c)) break;
    else action = foldsToAscii(c) ? GIVE_UP : PLAIN;
    if (run >= 0) {
      const kind = contractionAt(text, s, run, i);
      if (kind !== NO_CONTRACTION) {
        if (kind === CONTRACTION_IF_SPACE) return ~chunkEnd(text, i);
        pending = splitContraction(text, pending, run, i, out);
      }
      run = -1;
    }
    switch (action) {
      case PLAIN:
        if (pending < 0) pending = i;
        break;
      case ALONE:
        if (pending >= 0) out.push(text.slice(pending, i), pending, i);
        pending = -1;
        out.push(text[i], i, i + 1);
        break;
      case COMMA: {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0x20;
        if (taken || (!isPySpace(next) && isDigitAt(text, i + 1))) {
          if (pending < 0) pending = i;
          break; // stays inside its token
        }
        if (pending >= 0) out.push(text.slice(pending, i), pending, i);
        pending = -1;
        out.push(text[i], i, i + 1);
        taken = !isPySpace(next);
        continue;
      }
      case DOT: {
        if (text.charCodeAt(i + 1) === 0x2e) return ~chunkEnd(text, i); // `...` and its neighbours
        let k = i + 1;
        while (k < n && closesAfterPeriod(text.charCodeAt(k))) k++;
        if (i > 0 && (k === n || isPySpace(text.charCodeAt(k))) && onlySpaceFrom(text, k)) {
          // The final period.
          if (pending >= 0) out.push(text.slice(pending, i), pending, i);
          pending = -1;
          out.push('.', i, i + 1);
        } else if (pending < 0) pending = i;
        break;
      }
      case HYPHEN:
        if (text.charCodeAt(i + 1) === 0x2d) {
          // DOUBLE_DASHES: `--` alone (a third `-` starts the next token).
          if (pending >= 0) out.push(text.slice(pending, i), pending, i);
          pending = -1;
          out.push('--', i, i + 2);
          i++;
        } else if (pending < 0) pending = i;
        break;
      case APOSTROPHE: {
        // Only one apostrophe, between ASCII letters (don't, it's, O'Neil): ENDING_QUOTES may split
        // a clitic off when a space follows it. Anything else goes to the cascade.
        // (After a contraction split, `pending` is unset and a space precedes: leave `'tis` and the like.)
        if (++apostrophes > 1 || pending < 0 || !isAsciiLetter(text.charCodeAt(i - 1)) || !isAsciiLetter(text.charCodeAt(i + 1))) {
          return ~chunkEnd(text, i);
        }
        let j = i + 1;
        while (isAsciiLetter(text.charCodeAt(j))) j++;
        const suffix = j - i - 1;
        const lower = text.charCodeAt(i + 1) | 0x20;
        if ((suffix === 1 && lower === 0x6e) || (suffix === 2 && lower === 0x79 && (text.charCodeAt(i + 2) | 0x20) === 0x65)) {
          return ~chunkEnd(text, i); // d'ye, more'n: the contraction rules' business
        }
        let split = -1;
        if (spaceAt(text, j)) {
          const p = text.charCodeAt(i - 1);
          const t = text.charCodeAt(i + 1);
          if (isClitic(text, i + 1, j)) split = i;
          // n't N'T, unless the n starts a token (a space is then before it, and `([^' ])` fails).
          else if (suffix === 1 && ((p === 0x6e && t === 0x74) || (p === 0x4e && t === 0x54)) && pending < i - 1) {
            split = i - 1;
            // What the split leaves before `n't` may be a contraction word (wannan't → wanna n't → wan na n't).
            let a = i - 1;
            while (a > s && isAsciiLetter(text.charCodeAt(a - 1))) a--;
            if (i - 1 - a === 5 || i - 1 - a === 6) return ~chunkEnd(text, i);
          }
        }
        if (split >= 0) {
          if (pending >= 0 && pending < split) out.push(text.slice(pending, split), pending, split);
          pending = split;
        } else if (pending < 0) pending = i;
        break;
      }
      case QUOTE: {
        if (pending >= 0) out.push(text.slice(pending, i), pending, i);
        pending = -1;
        // Opening at the start of the text, after a space or an opening bracket; also right after
        // a first `"`, which the cascade has by then written as `` `` `` and padded with spaces.
        const opens = i === 0 || opensBefore(text.charCodeAt(i - 1)) || (i === 1 && text.charCodeAt(0) === 0x22);
        out.push(opens ? '``' : "''", i, i + 1);
        break;
      }
      default:
        return ~chunkEnd(text, i);
    }
    taken = false;
  }
  if (run >= 0) {
    const kind = contractionAt(text, s, run, i);
    if (kind !== NO_CONTRACTION) pending = splitContraction(text, pending, run, i, out);
  }
  if (pending >= 0) out.push(text.slice(pending, i), pending, i);
  return i;
}
