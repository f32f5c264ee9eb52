/**
 * tokenizer.perl's rules for one chunk (a run of non-space) without regexes, for chunks with no
 * control character, no `,,` and no apostrophe other than one between two letters: every
 * rule that can touch such a chunk, restated as a left-to-right scan (`moses-rules.ts` holds the
 * regexes; the tests compare the two on random text). A chunk it cannot settle goes to the rules.
 */
import { ALNUM, ALPHA, LOWER, NUMBER, classOf, codePointAt } from '../char-class.js';
import { isSpace } from '../space.js';
import type { SpanBuilder } from '../span-builder.js';
import type { MosesLang } from '../types.js';
import { keepsPeriod, NEXT_DIGIT, NEXT_LOWER, NEXT_OTHER } from './moses-rules.js';

/** Per ASCII code: what the scan does with it. */
const PLAIN = 0; // letters, digits, `-`, `` ` ``: no rule splits at them
const ALONE = 1; // every other character but . ' , : a token of its own
const DOT = 2;
const COMMA = 3;
const APOSTROPHE = 4;
const SPACE = 5;
const GIVE_UP = 6; // control characters

const ACTION = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (isSpace(c)) ACTION[c] = SPACE;
  else if (c < 0x20) ACTION[c] = GIVE_UP;
  else if (/[A-Za-z0-9`-]/.test(String.fromCharCode(c))) ACTION[c] = PLAIN;
  else ACTION[c] = ALONE;
}
ACTION[0x2e] = DOT;
ACTION[0x2c] = COMMA;
ACTION[0x27] = APOSTROPHE;

/** Class of the code unit at `i` when it is a whole code point, or -1 for a surrogate. */
function bmpClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return -1;
  return classOf(c);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether the character at `i` (inside a chunk) is `\p{N}`; -1 when unsure (a surrogate). */
function numberAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isDigit(c) ? 1 : 0;
  const cls = bmpClass(text, i);
  return cls < 0 ? -1 : (cls & NUMBER) !== 0 ? 1 : 0;
}

/** Whether the character at `i` is alphabetic; -1 when unsure (a surrogate). */
function alphaAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? 1 : 0;
  const cls = bmpClass(text, i);
  return cls < 0 ? -1 : (cls & ALPHA) !== 0 ? 1 : 0;
}

/**
 * Pushes the word `text[start..end)`, less a final period that the word loop splits off; `atEnd`:
 * it is its chunk's last word (so the next word is the next chunk's). Returns false when the next
 * word cannot be told (a control character starts it).
 */
function pushWord(
  text: string,
  start: number,
  end: number,
  atEnd: boolean,
  lineEnd: number,
  prefixes: ReadonlyMap<string, number>,
  out: SpanBuilder,
): boolean {
  if (end - start >= 2 && text.charCodeAt(end - 1) === 0x2e) {
    let next = NEXT_OTHER; // inside a chunk the next word starts with a split-off character
    if (atEnd) {
      let j = end;
      while (j < lineEnd && isSpace(text.charCodeAt(j))) j++;
      if (j === lineEnd) next = -1; // the line's last word: the period goes
      else {
        const c = text.charCodeAt(j);
        if (c < 0x20) return false;
        if (isDigit(c)) next = NEXT_DIGIT;
        else if (c < 0x80 ? c >= 0x61 && c <= 0x7a : (classOf(codePointAt(text, j)) & LOWER) !== 0) next = NEXT_LOWER;
      }
    }
    const pre = text.slice(start, end - 1);
    if (next < 0 || !keepsPeriod(pre, prefixes, next)) {
      out.push(pre, start, end - 1);
      out.push('.', end - 1, end);
      return true;
    }
  }
  out.push(text.slice(start, end), start, end);
  return true;
}

/**
 * Appends tokenizer.perl's tokens of the chunk that starts at `s` (inside the line that ends at
 * `lineEnd`; `firstOnLine`: no chunk comes before it) to `out` and returns the chunk's end;
 * returns `~end` (negative) when the chunk needs the rules, and what it appended must be dropped
 * by the caller.
 */
export function mosesChunk(
  text: string,
  s: number,
  lineEnd: number,
  firstOnLine: boolean,
  lang: MosesLang,
  prefixes: ReadonlyMap<string, number>,
  out: SpanBuilder,
): number {
  let pending = -1; // start of the token being read
  let apostrophes = 0;
  let i = s;
  for (; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    let action: number;
    let len = 1;
    if (c < 0x80) {
      action = ACTION[c];
      if (action === PLAIN) {
        if (pending < 0) pending = i;
        continue;
      }
      if (action === SPACE) break;
    } else if (isSpace(c)) break;
    else {
      const cp = codePointAt(text, i); // a pair never straddles lineEnd: a "\n" or the text's end
      if (cp > 0xffff) len = 2;
      action = (classOf(cp) & ALNUM) !== 0 ? PLAIN : ALONE;
      if (action === PLAIN) {
        if (pending < 0) pending = i;
        i += len - 1;
        continue;
      }
    }
    switch (action) {
      case ALONE:
        if (pending >= 0 && !pushWord(text, pending, i, false, lineEnd, prefixes, out)) return ~chunkEnd(text, i, lineEnd);
        pending = -1;
        out.push(text.slice(i, i + len), i, i + len);
        i += len - 1;
        break;
      case DOT: {
        if (text.charCodeAt(i + 1) !== 0x2e) {
          if (pending < 0) pending = i;
          break;
        }
        // A run of dots stands alone, and the word loop leaves it be.
        let j = i + 2;
        while (text.charCodeAt(j) === 0x2e) j++;
        if (pending >= 0 && !pushWord(text, pending, i, false, lineEnd, prefixes, out)) return ~chunkEnd(text, i, lineEnd);
        pending = -1;
        out.push(text.slice(i, j), i, j);
        i = j - 1;
        break;
      }
      case COMMA: {
        // Alone unless between two numbers (5,300); at the start of a line (nothing before it),
        // alone only if a non-number follows.
        const prev = i > s ? numberAt(text, i - 1) : firstOnLine ? 1 : 0;
        const atEnd = i + 1 >= lineEnd || isSpace(text.charCodeAt(i + 1));
        const next = atEnd ? 0 : numberAt(text, i + 1);
        if (prev < 0 || next < 0 || text.charCodeAt(i + 1) === 0x2c || (i > s && text.charCodeAt(i - 1) === 0x2c)) {
          return ~chunkEnd(text, i, lineEnd);
        }
        if (prev === 1 && next === 1) {
          if (pending < 0) pending = i;
        } else {
          if (pending >= 0 && !pushWord(text, pending, i, false, lineEnd, prefixes, out)) return ~chunkEnd(text, i, lineEnd);
        pending = -1;
          out.push(',', i, i + 1);
        }
        break;
      }
      case APOSTROPHE: {
        if (lang === 'de') {
          // Every apostrophe stands alone.
          if (pending >= 0 && !pushWord(text, pending, i, false, lineEnd, prefixes, out)) return ~chunkEnd(text, i, lineEnd);
        pending = -1;
          out.push("'", i, i + 1);
          break;
        }
        // One apostrophe between two letters: English splits before it (don 't), French after (l' homme).
        const before = i > s ? alphaAt(text, i - 1) : 0;
        const after = i + 1 < lineEnd ? alphaAt(text, i + 1) : 0;
        if (++apostrophes > 1 || before !== 1 || after !== 1) return ~chunkEnd(text, i, lineEnd);
        if (lang === 'en') {
          out.push(text.slice(pending, i), pending, i);
          pending = i;
        } else {
          out.push(text.slice(pending, i + 1), pending, i + 1);
          pending = -1;
        }
        break;
      }
      default:
        return ~chunkEnd(text, i, lineEnd);
    }
  }
  if (pending >= 0 && !pushWord(text, pending, i, true, lineEnd, prefixes, out)) return ~i;
  return i;
}

/** The end of the chunk that goes on at `i`: the next white space, or `lineEnd`. */
export function chunkEnd(text: string, i: number, lineEnd: number): number {
  while (i < lineEnd && !isSpace(text.charCodeAt(i))) i++;
  return i;
}
