/**
 * The `pattern` field of Split, Replace (normalizer and decoder): `{"String": "…"}` matched literally or
 * `{"Regex": "…"}` in Oniguruma syntax, translated once to a JS RegExp.
 */
import { TokenizerJsonError } from '../../errors.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { translateOniguruma, UnsupportedRegexError } from './oniguruma.js';

export type Pattern = { kind: 'string'; value: string } | { kind: 'regex'; source: string; regex: RegExp };

/** Reads `{"String": s}` or `{"Regex": r}` at `reader.value[key]`. */
export function readPattern(reader: JsonReader, key: string): Pattern {
  const p = reader.object(key);
  const keys = Object.keys(p.value);
  if (keys.length !== 1 || (keys[0] !== 'String' && keys[0] !== 'Regex')) {
    reader.fail(key, `expected {"String": …} or {"Regex": …}, got keys ${JSON.stringify(keys)}`);
  }
  if (keys[0] === 'String') return stringPattern(p.string('String'));
  const source = p.string('Regex');
  try {
    return regexPattern(source);
  } catch (e) {
    if (e instanceof UnsupportedRegexError || e instanceof SyntaxError) {
      throw new TokenizerJsonError(p.pathOf('Regex'), e.message);
    }
    throw e;
  }
}

export function stringPattern(value: string): Pattern {
  return { kind: 'string', value };
}

/** Compiles an Oniguruma pattern; throws UnsupportedRegexError or SyntaxError when it cannot. */
export function regexPattern(source: string): Pattern {
  return { kind: 'regex', source, regex: new RegExp(translateOniguruma(source), 'gu') };
}

export function patternToJSON(p: Pattern): JsonObject {
  return p.kind === 'string' ? { String: p.value } : { Regex: p.source };
}

/**
 * The matches of `p` in `text`, non-overlapping, left to right, as UTF-16 [start, end) pairs.
 * A regex may match the empty string, except right where the previous match ended (the Rust/Oniguruma
 * iterators skip that one too); the empty String pattern matches the empty string everywhere.
 */
export function findMatches(p: Pattern, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (p.kind === 'string') {
    const v = p.value;
    if (v === '') {
      // Rust compiles a String pattern as an escaped regex, so "" is the empty regex: it matches at every
      // character boundary (Split then cuts between all characters, Replace inserts everywhere).
      for (let i = 0; i <= text.length; ) {
        out.push([i, i]);
        i += i < text.length && isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
      }
      return out;
    }
    let at = text.indexOf(v);
    while (at >= 0) {
      out.push([at, at + v.length]);
      at = text.indexOf(v, at + v.length);
    }
    return out;
  }
  const re = p.regex;
  re.lastIndex = 0;
  let prevEnd = -1;
  for (;;) {
    const m = re.exec(text);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    if (insidePair(text, start)) {
      // V8 may try a zero-width match between the halves of a surrogate pair; Rust works on characters.
      re.lastIndex = start + 1;
      continue;
    }
    if (start === end) {
      // Step over the empty match by one code point, as both engines do.
      re.lastIndex = end + (end < text.length && isHighSurrogate(text.charCodeAt(end)) && isLowSurrogate(text.charCodeAt(end + 1)) ? 2 : 1);
      if (start === prevEnd) continue;
    }
    out.push([start, end]);
    prevEnd = end;
  }
  re.lastIndex = 0;
  return out;
}

/**
 * The whole of `text` cut at the matches of `p`: ([start, end), isMatch) covering it contiguously
 * (Rust's `Pattern::find_matches`). Empty text gives one empty non-match.
 */
export function findSplits(p: Pattern, text: string): Array<[number, number, boolean]> {
  if (text.length === 0) return [[0, 0, false]];
  const out: Array<[number, number, boolean]> = [];
  let prev = 0;
  for (const [s, e] of findMatches(p, text)) {
    if (prev !== s) out.push([prev, s, false]);
    out.push([s, e, true]);
    prev = e;
  }
  if (prev !== text.length) out.push([prev, text.length, false]);
  return out;
}

function insidePair(text: string, i: number): boolean {
  return i > 0 && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
