/**
 * Translates an Oniguruma pattern (what Rust tokenizers compiles `{"Regex": …}` with) into the source of
 * an equivalent JavaScript RegExp for the `u` flag. The two dialects mostly agree; where they differ
 * the translation spells out Oniguruma's meaning:
 * - `\s` is Unicode White_Space in Oniguruma (has U+0085, lacks U+FEFF — JS is the other way round);
 * - `\w` is Unicode (Alphabetic, marks, decimal digits, connector punctuation — plus ² ³ ¹ ¼ ½ ¾ outside
 *   classes, a measured Oniguruma quirk) and `\d` is Decimal_Number (JS: ASCII only);
 * - `\h` is a hexadecimal digit (not "horizontal space" as in Perl);
 * - `.` excludes only `\n`, and `^`/`$` are always line anchors (on `\n` only; `^` not at the very end);
 * - `(?i:…)` / `(?i)` are scoped, which Node 20 cannot express: letters become explicit classes; a bare
 *   `(?i)` also swallows the alternatives after it (`a(?i)b|c` is `a(?i:b|c)`);
 * - atomic groups `(?>…)` and possessive quantifiers become the lookahead-plus-backreference idiom;
 * - quantifiers nest (`a{2}+` is `(?:a{2})+`), and `a{n}?` is an optional `a{n}`, not a lazy one;
 * - `\1`… is a backreference only when that group exists, else an octal character code.
 * Not covered: multi-character case folding (`(?i)ß` also matching "ss"). Anything else we cannot
 * translate faithfully (class intersection `&&`, nested classes, `\K`, `\X`, `\R`, `(?x)`…) is rejected
 * with an error naming the construct.
 */

import { LETTER, NUMBER, classOf } from '../../tiktoken/char-class.js';
import { NEWER_WORD_CHARACTERS } from '../normalizers/rust-unicode.js';

export class UnsupportedRegexError extends Error {
  constructor(
    readonly construct: string,
    readonly position: number,
  ) {
    super(`unsupported Oniguruma regex syntax ${JSON.stringify(construct)} at index ${position}`);
  }
}

const WHITE_SPACE = '\\p{White_Space}';
const NOT_WHITE_SPACE = '\\P{White_Space}';
/**
 * `\w` inside a class, as measured on the reference: Alphabetic (so ⓐ and Ⅷ), marks, decimal digits,
 * connector punctuation; not ZWJ/ZWNJ, not other numbers (½).
 */
const WORD_CLASS_BODY = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}';
/** `\w` on its own also takes the Latin-1 numbers ² ³ ¹ ¼ ½ ¾ (Oniguruma's single-byte table, measured). */
const WORD_BODY = `${WORD_CLASS_BODY}\\u00b2\\u00b3\\u00b9\\u00bc-\\u00be`;
/** A word character outside a class, without the characters newer than Oniguruma's Unicode. */
const WORD_ATOM = `(?:(?![${NEWER_WORD_CHARACTERS}])[${WORD_BODY}])`;
const NON_WORD_ATOM = `(?:[${NEWER_WORD_CHARACTERS}]|[^${WORD_BODY}])`;
const HEX_CLASS_BODY = '0-9a-fA-F';
/** Characters that must stay escaped in a `u`-mode JS pattern. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

interface Group {
  /** Case-insensitive inside this group (scoped flags are restored when it closes). */
  outerIgnoreCase: boolean;
  /** Output index where the group starts (for possessive quantifiers applied to it). */
  start: number;
  atomic: boolean;
  /** Opened by a bare `(?i)`; closes with its enclosing group. */
  implicit?: boolean;
}

/** Translates `source`; throws UnsupportedRegexError for constructs with no faithful JS equivalent. */
export function translateOniguruma(source: string): string {
  let out = '';
  let i = 0;
  let ignoreCase = false;
  const groups: Group[] = [];
  /** Output index where the last complete atom starts, or -1 when there is none to quantify. */
  let atomStart = -1;
  /** Output index where the atom just quantified starts (so a second quantifier can nest), or -1. */
  let quantifiedStart = -1;
  let atomicCount = 0;
  const n = source.length;

  const fail = (construct: string, at: number): never => {
    throw new UnsupportedRegexError(construct, at);
  };

  while (i < n) {
    const c = source[i]!;
    const at = i;
    // Only a quantifier right after a quantifier nests.
    if (!(c === '*' || c === '+' || c === '?' || c === '{')) quantifiedStart = -1;
    if (c === '\\') {
      const [js, next] = translateEscape(source, i, ignoreCase, false, fail);
      atomStart = js === '' ? atomStart : out.length;
      out += js;
      i = next;
      continue;
    }
    if (c === '[') {
      const [js, next] = translateClass(source, i, ignoreCase, fail);
      atomStart = out.length;
      out += js;
      i = next;
      continue;
    }
    if (c === '(') {
      if (source[i + 1] === '?') {
        const rest = source.slice(i + 2);
        const flags = /^([imx]*)(?:-([imx]*))?([:)])/.exec(rest);
        if (flags && (flags[1] !== '' || flags[2] !== undefined)) {
          const on = flags[1]!;
          const off = flags[2] ?? '';
          if (/[mx]/.test(on + off)) fail(`(?${on}${off ? `-${off}` : ''}`, at);
          const next: boolean = on.includes('i') ? true : off.includes('i') ? false : ignoreCase;
          if (flags[3] === ')') {
            // `(?i)` applies up to the end of the enclosing group, and Oniguruma reads the alternatives
            // after it as inside it: `a(?i)b|c` is `a(?i:b|c)`. So it opens a group that the enclosing
            // group's `)` (or the end of the pattern) closes.
            groups.push({ outerIgnoreCase: ignoreCase, start: out.length, atomic: false, implicit: true });
            ignoreCase = next;
            out += '(?:';
            atomStart = -1;
            i += 2 + flags[0].length;
            continue;
          }
          groups.push({ outerIgnoreCase: ignoreCase, start: out.length, atomic: false });
          ignoreCase = next;
          out += '(?:';
          i += 2 + flags[0].length;
          continue;
        }
        const head = /^(:|=|!|<=|<!|>|<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(rest);
        if (!head) fail(`(?${rest.slice(0, 2)}`, at);
        const kind = head![1]!;
        if (kind === '>') {
          // Atomic group: (?=(…))\k — the lookahead cannot be backtracked into.
          const name = `atomic${atomicCount++}`;
          groups.push({ outerIgnoreCase: ignoreCase, start: out.length, atomic: true });
          out += `(?:(?=(?<${name}>`;
          i += 3;
          continue;
        }
        groups.push({ outerIgnoreCase: ignoreCase, start: out.length, atomic: false });
        const name = head![2] ?? head![3];
        out += name !== undefined ? `(?<${name}>` : `(?${kind}`;
        i += 2 + head![0].length;
        continue;
      }
      groups.push({ outerIgnoreCase: ignoreCase, start: out.length, atomic: false });
      out += '(';
      i++;
      continue;
    }
    if (c === ')') {
      while (groups.length > 0 && groups[groups.length - 1]!.implicit) {
        ignoreCase = groups.pop()!.outerIgnoreCase;
        out += ')';
      }
      const g = groups.pop();
      if (!g) fail(')', at);
      if (g!.atomic) {
        const name = /^\(\?:\(\?=\(\?<(atomic\d+)>/.exec(out.slice(g!.start))![1];
        out += `))\\k<${name}>)`;
      } else {
        out += ')';
      }
      ignoreCase = g!.outerIgnoreCase;
      atomStart = g!.start;
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      let q: string;
      if (c === '{') {
        const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(source.slice(i));
        if (!m || (m[1] === '' && m[3] === '' ) || (m[1] === '' && m[2] === undefined)) {
          // Not a valid interval: Oniguruma reads `{` literally.
          atomStart = out.length;
          out += '\\{';
          i++;
          continue;
        }
        q = `{${m[1] === '' ? '0' : m[1]}${m[2] ?? ''}${m[3] ?? ''}}`;
        i += m[0].length;
      } else {
        q = c;
        i++;
      }
      if (atomStart < 0 && quantifiedStart >= 0) {
        // A quantifier on a quantified atom nests in Oniguruma (`a**`, `a{2}+` = `(?:a{2})+`); JS needs a group.
        out = `${out.slice(0, quantifiedStart)}(?:${out.slice(quantifiedStart)})`;
        atomStart = quantifiedStart;
      }
      if (atomStart < 0) fail(c, at);
      const mod = source[i];
      const exactInterval = c === '{' && !q.includes(',');
      if (mod === '?' && exactInterval) {
        // Oniguruma syntax: `a{n}?` is an optional `a{n}`, not a lazy one.
        out = `${out.slice(0, atomStart)}(?:${out.slice(atomStart)}${q})?`;
        i++;
      } else if (mod === '?') {
        out += `${q}?`;
        i++;
      } else if (mod === '+' && c !== '{') {
        // Possessive: the quantified atom as an atomic group.
        const atom = out.slice(atomStart);
        const name = `atomic${atomicCount++}`;
        out = `${out.slice(0, atomStart)}(?:(?=(?<${name}>(?:${atom})${q}))\\k<${name}>)`;
        i++;
      } else {
        out += q;
      }
      // A further quantifier applies to the whole quantified atom (see above).
      quantifiedStart = atomStart;
      atomStart = -1;
      continue;
    }
    if (c === '.') {
      atomStart = out.length;
      out += '[^\\n]';
      i++;
      continue;
    }
    if (c === '^') {
      atomStart = -1;
      // Start of the text, or after a \n that does not end the text (Oniguruma's BEGIN_LINE).
      out += '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))';
      i++;
      continue;
    }
    if (c === '$') {
      atomStart = -1;
      out += '(?![^\\n])';
      i++;
      continue;
    }
    if (c === '|') {
      atomStart = -1;
      out += '|';
      i++;
      continue;
    }
    // A literal character (a whole code point).
    const cp = source.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    atomStart = out.length;
    out += literal(String.fromCodePoint(cp), ignoreCase, false);
    i += len;
  }
  while (groups.length > 0 && groups[groups.length - 1]!.implicit) {
    groups.pop();
    out += ')';
  }
  if (groups.length > 0) fail('(', source.length);
  return out;
}

/** A literal character for the JS pattern, expanded to its case variants when ignoring case. */
function literal(ch: string, ignoreCase: boolean, inClass: boolean): string {
  const variants = ignoreCase ? caseVariants(ch) : [ch];
  const esc = variants.map((v) => escapeChar(v, inClass));
  if (esc.length === 1) return esc[0]!;
  return inClass ? esc.join('') : `[${esc.join('')}]`;
}

function escapeChar(ch: string, inClass: boolean): string {
  if (JS_SYNTAX.has(ch) || (inClass && ch === '-')) return `\\${ch}`;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return ch;
}

const variantCache = new Map<string, string[]>();

/**
 * The characters a case-insensitive match of `ch` accepts under simple case folding (the same as JS's
 * `iu` matching, so we ask the engine itself to confirm each candidate). Multi-character folds
 * (Oniguruma lets `(?i)ß` match "ss") are not covered.
 */
export function caseVariants(ch: string): string[] {
  const cached = variantCache.get(ch);
  if (cached) return cached;
  const candidates = new Set<string>([ch]);
  const add = (s: string): void => {
    if ([...s].length === 1) candidates.add(s);
  };
  add(ch.toLowerCase());
  add(ch.toUpperCase());
  for (const c of [...candidates]) {
    add(c.toLowerCase());
    add(c.toUpperCase());
  }
  // Characters whose case mapping reaches an ASCII letter: Kelvin sign, long s, Angstrom sign…
  for (const extra of FOLD_EXTRAS) {
    if (candidates.has(extra[0]!) || candidates.has(extra[1]!)) for (const e of extra) candidates.add(e);
  }
  const re = new RegExp(`^${escapeChar(ch, false)}$`, 'iu');
  const result = [...candidates].filter((c) => re.test(c));
  variantCache.set(ch, result);
  return result;
}

const FOLD_EXTRAS: readonly string[][] = [
  ['k', 'K', '\u212a'],
  ['s', 'S', '\u017f'],
  ['\u00e5', '\u00c5', '\u212b'],
  ['\u03c9', '\u03a9', '\u2126'],
  ['\u03b8', '\u0398', '\u03d1', '\u03f4'],
  ['\u03b9', '\u0399', '\u0345', '\u1fbe'],
  ['\u03bc', '\u039c', '\u00b5'],
];

type Fail = (construct: string, at: number) => never;

/**
 * Translates the escape at `source[i] === '\\'`. Returns the JS text and the index after the escape.
 * In a class (`inClass`), class shorthands expand to their class bodies.
 */
function translateEscape(source: string, i: number, ignoreCase: boolean, inClass: boolean, fail: Fail): [string, number] {
  const e = source[i + 1];
  if (e === undefined) fail('\\', i);
  switch (e) {
    case 's':
      return [WHITE_SPACE, i + 2];
    case 'S':
      return [NOT_WHITE_SPACE, i + 2];
    case 'd':
      return [inClass ? '\\p{Nd}' : `(?:(?![${NEWER_WORD_CHARACTERS}])\\p{Nd})`, i + 2];
    case 'D':
      if (inClass) return ['\\P{Nd}', i + 2];
      return [`(?:[${NEWER_WORD_CHARACTERS}]|\\P{Nd})`, i + 2];
    case 'w':
      return [inClass ? WORD_CLASS_BODY : WORD_ATOM, i + 2];
    case 'W':
      if (inClass) fail('\\W inside a character class', i);
      return [NON_WORD_ATOM, i + 2];
    case 'h':
      return [inClass ? HEX_CLASS_BODY : `[${HEX_CLASS_BODY}]`, i + 2];
    case 'H':
      if (inClass) fail('\\H inside a character class', i);
      return [`[^${HEX_CLASS_BODY}]`, i + 2];
    case 'p':
    case 'P':
      return translateProperty(source, i, inClass, fail);
    case 'n':
    case 'r':
    case 't':
    case 'f':
    case 'v':
      return [`\\${e}`, i + 2];
    case 'e':
      return ['\\x1b', i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'x': {
      const braced = /^\{([0-9a-fA-F]{1,8})\}/.exec(source.slice(i + 2));
      if (braced) return [literal(String.fromCodePoint(parseInt(braced[1]!, 16)), ignoreCase, inClass), i + 2 + braced[0].length];
      const two = /^[0-9a-fA-F]{1,2}/.exec(source.slice(i + 2));
      if (!two) fail('\\x', i);
      return [literal(String.fromCharCode(parseInt(two![0], 16)), ignoreCase, inClass), i + 2 + two![0].length];
    }
    case 'u': {
      const four = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 2));
      if (!four) fail('\\u', i);
      return [literal(String.fromCharCode(parseInt(four![0], 16)), ignoreCase, inClass), i + 6];
    }
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
      if (inClass) {
        if (e === 'b') return ['\\x08', i + 2];
        fail(`\\${e} inside a character class`, i);
      }
      if (e === 'A') return ['(?<![\\s\\S])', i + 2];
      if (e === 'z') return ['(?![\\s\\S])', i + 2];
      if (e === 'Z') return ['(?=\\n?(?![\\s\\S]))', i + 2];
      if (e === 'b') return [`(?:(?<=${WORD_ATOM})(?!${WORD_ATOM})|(?<!${WORD_ATOM})(?=${WORD_ATOM}))`, i + 2];
      if (e === 'B') return [`(?:(?<=${WORD_ATOM})(?=${WORD_ATOM})|(?<!${WORD_ATOM})(?!${WORD_ATOM}))`, i + 2];
      return fail(`\\${e}`, i);
    default:
      break;
  }
  if (e === 'k' && !inClass) {
    const named = /^<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(i + 2));
    if (!named) fail('\\k', i);
    return [`\\k<${named![1]}>`, i + 2 + named![0].length];
  }
  if (/[0-9]/.test(e!)) {
    if (e === '0') {
      const oct = /^[0-7]{0,2}/.exec(source.slice(i + 2))![0];
      return [literal(String.fromCharCode(parseInt(`0${oct}`, 8)), ignoreCase, inClass), i + 2 + oct.length];
    }
    const digits = /^[0-9]+/.exec(source.slice(i + 1))![0];
    if (!inClass && Number(digits) <= countCaptureGroups(source)) return [`\\${digits}`, i + 1 + digits.length];
    // Not a group number: Oniguruma reads up to three octal digits as a character code.
    const oct = /^[0-7]{1,3}/.exec(source.slice(i + 1));
    if (!oct) fail(`\\${e}`, i);
    return [literal(String.fromCharCode(parseInt(oct![0], 8)), ignoreCase, inClass), i + 1 + oct![0].length];
  }
  if (/[A-Za-z]/.test(e!)) fail(`\\${e}`, i);
  // An escaped punctuation or other character stands for itself.
  const cp = source.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  return [literal(ch, ignoreCase, inClass), i + 1 + ch.length];
}

/** How many capturing groups (plain or named) `source` has, skipping escapes and classes. */
function countCaptureGroups(source: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(' && (source[i + 1] !== '?' || /^\(\?(<[A-Za-z_]|'[A-Za-z_])/.test(source.slice(i)))) n++;
  }
  return n;
}

/** `\p{Name}`, `\P{Name}`, `\p{^Name}`: general categories and binary properties as in JS, scripts by bare name. */
function translateProperty(source: string, i: number, inClass: boolean, fail: Fail): [string, number] {
  const m = /^\{(\^?)([A-Za-z_ ]+)\}/.exec(source.slice(i + 2));
  if (!m) fail(`\\${source[i + 1]}`, i);
  const negated = (source[i + 1] === 'P') !== (m![1] === '^');
  const name = m![2]!.replace(/[ _]/g, '');
  const next = i + 2 + m![0].length;
  const pinned = pinnedClassBody(name);
  // Letters and numbers as Oniguruma's Unicode version has them (a negated one inside a class cannot be
  // spelled as ranges without the `v` flag, so it keeps the engine's table).
  if (pinned !== null && !(negated && inClass)) return [inClass ? pinned : `[${negated ? '^' : ''}${pinned}]`, next];
  const resolved = resolveProperty(name);
  if (resolved === null) fail(`\\p{${m![2]}}`, i);
  const escape = `\\${negated ? 'P' : 'p'}{${resolved}}`;
  if (inClass || resolved === 'White_Space' || resolved === 'Any') return [escape, next];
  // Characters newer than Oniguruma's Unicode are unassigned there: in no property, in every negation.
  return [negated ? `(?:[${NEWER_WORD_CHARACTERS}]|${escape})` : `(?:(?![${NEWER_WORD_CHARACTERS}])${escape})`, next];
}

/**
 * The JS engine may know a newer Unicode than Oniguruma in the reference (Node 20.20 knows Unicode 17
 * letters that it does not). For the two classes tokenizer patterns are made of, \p{L} and \p{N}, we use
 * the table pinned for tiktoken (../../tiktoken/char-class.ts), which agrees with the reference on every
 * code point (checked exhaustively), spelled out as ranges.
 */
const pinnedBodies = new Map<number, string>();

function pinnedClassBody(name: string): string | null {
  const lower = name.toLowerCase();
  const bit = lower === 'l' || lower === 'letter' ? LETTER : lower === 'n' || lower === 'number' ? NUMBER : 0;
  if (bit === 0) return null;
  let body = pinnedBodies.get(bit);
  if (body === undefined) {
    const parts: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if ((classOf(cp) & bit) === 0) continue;
      let end = cp;
      while (end + 1 < 0x110000 && (classOf(end + 1) & bit) !== 0) end++;
      parts.push(end === cp ? `\\u{${cp.toString(16)}}` : `\\u{${cp.toString(16)}}-\\u{${end.toString(16)}}`);
      cp = end;
    }
    body = parts.join('');
    pinnedBodies.set(bit, body);
  }
  return body;
}

const PROPERTY_ALIASES: Record<string, string> = {
  alpha: 'Alphabetic',
  space: 'White_Space',
  upper: 'Uppercase',
  lower: 'Lowercase',
  any: 'Any',
};

function resolveProperty(name: string): string | null {
  const candidates = [name, PROPERTY_ALIASES[name.toLowerCase()] ?? '', `Script=${name}`];
  // Oniguruma ignores case in property names; JS does not, so also try the usual capitalisations.
  const capitalised = name.length <= 2 ? name[0]!.toUpperCase() + name.slice(1).toLowerCase() : name[0]!.toUpperCase() + name.slice(1);
  candidates.push(capitalised, `Script=${capitalised}`);
  for (const c of candidates) {
    if (c === '') continue;
    try {
      new RegExp(`\\p{${c}}`, 'u');
      return c;
    } catch {
      // try the next spelling
    }
  }
  return null;
}

/** Translates the class starting at `source[i] === '['`. */
function translateClass(source: string, i: number, ignoreCase: boolean, fail: Fail): [string, number] {
  const start = i;
  let out = '[';
  i++;
  const negated = source[i] === '^';
  if (negated) {
    out += '^';
    i++;
  }
  // Whether the class holds \w, \d, a property or a POSIX class, whose engine tables may know characters
  // newer than Oniguruma's, and whether it holds a negated one (then we leave it as it is).
  let wordOrDigit = false;
  let negatedItem = false;
  // A `]` right after `[` or `[^` is a literal in Oniguruma.
  let first = true;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ']' && !first) {
      const cls = `${out}]`;
      if (!wordOrDigit || negatedItem) return [cls, i + 1];
      // For Oniguruma those newer characters are unassigned: never in \w or \d.
      return [negated ? `(?:[${NEWER_WORD_CHARACTERS}]|${cls})` : `(?:(?![${NEWER_WORD_CHARACTERS}])${cls})`, i + 1];
    }
    first = false;
    if (c === '[') {
      if (source.startsWith('[:', i)) {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i));
        if (!posix) fail('[:', i);
        const body = POSIX[posix![2]!];
        if (body === undefined || posix![1] === '^') fail(posix![0], i);
        if (posix![2] !== 'space' && posix![2] !== 'xdigit') wordOrDigit = true;
        out += body;
        i += posix![0].length;
        continue;
      }
      fail('nested character class', i);
    }
    if (c === '&' && source[i + 1] === '&') fail('&& class intersection', i);
    let item: string;
    let single: string | null = null;
    if (c === '\\') {
      const e = source[i + 1];
      const [js, next] = translateEscape(source, i, false, true, fail);
      // Single characters may be range ends; class shorthands may not.
      if (e === 'w' || e === 'd' || (e === 'p' && source[i + 3] !== '^')) wordOrDigit = true;
      if (e === 'W' || e === 'D' || e === 'P' || (e === 'p' && source[i + 3] === '^')) negatedItem = true;
      if (e !== undefined && /[sSdDwWhHpP]/.test(e)) item = js;
      else {
        single = unescapeSingle(js);
        item = js;
      }
      i = next;
    } else {
      const cp = source.codePointAt(i)!;
      single = String.fromCodePoint(cp);
      item = escapeChar(single, true);
      i += single.length;
    }
    if (single !== null && source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
      // A range.
      let hi: string;
      let after: number;
      if (source[i + 1] === '\\') {
        const [js, next] = translateEscape(source, i + 1, false, true, fail);
        const s = unescapeSingle(js);
        if (s === null) fail('range ending in a class shorthand', i + 1);
        hi = s!;
        after = next;
      } else {
        const cp = source.codePointAt(i + 1)!;
        hi = String.fromCodePoint(cp);
        after = i + 1 + hi.length;
      }
      out += rangeText(single, hi, ignoreCase, fail, i);
      i = after;
      continue;
    }
    out += single !== null && ignoreCase ? literal(single, true, true) : item;
  }
  return fail('unterminated character class', start);
}

const POSIX: Record<string, string> = {
  alpha: '\\p{Alphabetic}',
  digit: '\\p{Nd}',
  alnum: '\\p{Alphabetic}\\p{Nd}',
  space: WHITE_SPACE,
  upper: '\\p{Uppercase}',
  lower: '\\p{Lowercase}',
  // Measured on the reference: $ + ^ € match too.
  punct: '\\p{P}\\p{S}',
  xdigit: HEX_CLASS_BODY,
  word: WORD_CLASS_BODY,
  blank: '\\p{Zs}\\t',
  cntrl: '\\p{Cc}',
};

/** The character an escape translated to, when it is a single character. */
function unescapeSingle(js: string): string | null {
  if (js.startsWith('\\x')) return String.fromCharCode(parseInt(js.slice(2), 16));
  if (js === '\\n') return '\n';
  if (js === '\\r') return '\r';
  if (js === '\\t') return '\t';
  if (js === '\\f') return '\f';
  if (js === '\\v') return '\v';
  if (js.length === 2 && js[0] === '\\') return js[1]!;
  if ([...js].length === 1) return js;
  return null;
}

function rangeText(lo: string, hi: string, ignoreCase: boolean, fail: Fail, at: number): string {
  const range = `${escapeChar(lo, true)}-${escapeChar(hi, true)}`;
  if (!ignoreCase) return range;
  const a = lo.codePointAt(0)!;
  const b = hi.codePointAt(0)!;
  if (b < 0x80) {
    // ASCII range: add the other case of its letters (and their Unicode fold partners).
    let extra = '';
    for (let cp = a; cp <= b; cp++) {
      const ch = String.fromCharCode(cp);
      if (/[A-Za-z]/.test(ch)) for (const v of caseVariants(ch)) if (v !== ch) extra += escapeChar(v, true);
    }
    return range + extra;
  }
  return fail('case-insensitive non-ASCII range', at);
}
