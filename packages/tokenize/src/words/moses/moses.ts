/**
 * The `moses` style: the tokens of Moses' `tokenizer.perl -l <lang> -no-escape` (all other options
 * at their defaults), line by line, with offsets into the original text, fast.
 *
 * Why this shape: tokenizer.perl is a cascade of regex substitutions over each line, then a loop
 * over its words for final periods, and no rule reaches past the white space around a chunk (a run
 * of non-space) except that loop, which looks at the next word's first letter. So one scan settles
 * chunk after chunk with `mosesChunk` (a regex-free restatement of the rules for all but unusual
 * chunks) and sends only the others through the rules of `moses-rules.ts`, many lines in one
 * string: on each line, consecutive slow chunks stay together and each run of settled chunks is
 * replaced by one plain placeholder word, `X`, so every rule sees the same neighbours as on the
 * full line (a chunk after a slow one that ends in a period goes slow too: the loop reads it).
 * Moses only inserts spaces and drops control characters, so the rules' tokens map back onto the
 * text by counting characters, and take the places the scan kept for them.
 *
 * Performance notes (eltec-mono novels, paragraph by paragraph, Node 20, 2-core EPYC): the rules
 * see 0.03% of chunks (under 1% of paragraphs call them); en ~66, fr ~67, de ~75 MB/s, against
 * 8.5 MB/s when every paragraph went through the regexes.
 */
import { isSpace } from '../space.js';
import { SpanFeed, type SpanBuilder } from '../span-builder.js';
import type { MosesLang } from '../types.js';
import { chunkEnd, mosesChunk } from './moses-chunk.js';
import { splitRules, wordLoop } from './moses-rules.js';
import { prefixKinds } from './prefixes.js';

const LF = 0x0a;

function isControl(c: number): boolean {
  return c < 0x20; // the white space ones never reach a chunk
}

/** One chunk that needs the rules, with what the placeholder scheme needs to know about its line. */
interface SlowChunk {
  start: number;
  end: number;
  line: number;
  /** The chunk before it on its line (if any) is slow too. */
  afterSlow: boolean;
  /** No chunk comes before it on its line. */
  first: boolean;
  /** No chunk comes after it on its line (set when the line ends). */
  last: boolean;
}

/**
 * Appends tokenizer.perl's tokens of `text` to `out`.
 * @example mosesKernel("l'homme, 3,5 km.", out, 'fr') // l', homme, ",", 3,5, km, .
 */
export function mosesKernel(text: string, out: SpanBuilder, lang: MosesLang): void {
  const n = text.length;
  const prefixes = prefixKinds(lang);
  const slow: SlowChunk[] = [];
  const placeholders: number[] = [];
  let line = 0;
  let lineStart = 0;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let seen = false; // a chunk came before on this line
    let prevSlow = false;
    let prevSlowDot = false; // the previous chunk is slow and ends in a period: the loop reads this one
    let i = lineStart;
    while (i < lineEnd && isSpace(text.charCodeAt(i))) i++;
    while (i < lineEnd) {
      const mark = out.length;
      let end = prevSlowDot ? ~chunkEnd(text, i, lineEnd) : mosesChunk(text, i, lineEnd, !seen, lang, prefixes, out);
      if (end < 0) {
        end = ~end;
        out.truncate(mark);
        const lastKept = lastNonControl(text, i, end);
        if (lastKept >= 0) {
          placeholders.push(mark);
          out.push('', i, end);
          slow.push({ start: i, end, line, afterSlow: prevSlow, first: !seen, last: false });
          seen = true;
          prevSlow = true;
          prevSlowDot = text.charCodeAt(lastKept) === 0x2e;
        } // else: only control characters, which Moses deletes: the chunk is not there
      } else {
        seen = true;
        prevSlow = false;
        prevSlowDot = false;
      }
      i = end;
      while (i < lineEnd && isSpace(text.charCodeAt(i))) i++;
    }
    if (prevSlow) slow[slow.length - 1].last = true;
    line++;
    lineStart = lineEnd + 1;
  }
  if (slow.length === 0) return;

  // The rules' input: on each line, its slow chunks (less control characters) and `X` for each run
  // of the others. `origin[r]`: the index in `text` of character r of `joined`, -1 for `X`.
  const origin = new Int32Array(joinedLengthBound(slow));
  const pieces: string[] = [];
  let r = 0;
  for (let k = 0; k < slow.length; k++) {
    const c = slow[k];
    if (k > 0 && slow[k - 1].line !== c.line) {
      if (!slow[k - 1].last) r = put(pieces, ' X', origin, r);
      r = put(pieces, '\n', origin, r);
    }
    if (k === 0 || slow[k - 1].line !== c.line) {
      if (!c.first) r = put(pieces, 'X ', origin, r);
    } else r = put(pieces, c.afterSlow ? ' ' : ' X ', origin, r);
    let from = c.start;
    for (let q = c.start; q < c.end; q++) {
      if (!isControl(text.charCodeAt(q))) {
        origin[r++] = q;
        continue;
      }
      if (q > from) pieces.push(text.slice(from, q));
      from = q + 1;
    }
    if (c.end > from) pieces.push(text.slice(from, c.end));
  }
  if (!slow[slow.length - 1].last) r = put(pieces, ' X', origin, r);
  const joined = pieces.join('');

  // The rules, then the final-period loop line by line.
  const toks: string[] = [];
  for (const l of splitRules(joined, lang).split('\n')) wordLoop(l, prefixes, toks);

  // Each token covers the next characters of `joined` (Moses only inserted spaces).
  const tokStarts = new Int32Array(toks.length);
  const tokEnds = new Int32Array(toks.length);
  let p = 0;
  for (let t = 0; t < toks.length; t++) {
    let c = joined.charCodeAt(p);
    while (c === 0x20 || c === LF) c = joined.charCodeAt(++p);
    const len = toks[t].length;
    tokStarts[t] = origin[p]; // -1 for the placeholder `X`
    tokEnds[t] = origin[p + len - 1] + 1;
    p += len;
  }

  out.expandPlaceholders(placeholders, new SpanFeed(toks, tokStarts, tokEnds, slow.map((c) => c.end)));
}

/**
 * At least the length of the rules' input: the slow chunks' characters plus the separators `put`
 * writes, at most 5 per chunk (" X", "\n", "X " before the first on a line) and 2 after the last.
 * Sized by the slow chunks, not the text: one slow chunk in a huge text must not cost 4 bytes a character.
 */
function joinedLengthBound(slow: readonly SlowChunk[]): number {
  let chars = 0;
  for (const c of slow) chars += c.end - c.start;
  return chars + 5 * slow.length + 2;
}

/** Appends the separator `s` (no text characters) to `pieces`; returns the new length. */
function put(pieces: string[], s: string, origin: Int32Array, r: number): number {
  pieces.push(s);
  for (let k = 0; k < s.length; k++) origin[r++] = -1;
  return r;
}

/** Index of the last character of `text[s..e)` that is not a control character, or -1. */
function lastNonControl(text: string, s: number, e: number): number {
  for (let q = e - 1; q >= s; q--) if (!isControl(text.charCodeAt(q))) return q;
  return -1;
}
