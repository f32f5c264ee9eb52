/**
 * The rules of Moses' `tokenizer.perl` (defaults plus `-no-escape`), written from reading the Perl:
 * shared by the exact reference (`moses.reference.ts`) and the fast tokenizer (`moses.ts`).
 *
 * `splitRules` inserts spaces where tokenizer.perl does, in its order: other special characters,
 * runs of dots, commas, apostrophes (per language). It works on cleaned lines (single spaces, no
 * control characters) joined by "\n"; every rule treats "\n" as the edge of a line, so many lines
 * go through each regex at once. `wordLoop` then settles final periods with the nonbreaking
 * prefixes, one line at a time.
 *
 * Perl's classes, as JavaScript: `\s` = `\p{White_Space}`, `\p{IsAlnum}` = `[\p{Alphabetic}\p{Nd}]`,
 * `\p{IsAlpha}` = `\p{Alphabetic}`, `\p{IsN}` = `\p{N}`, `\p{IsLower}` = `\p{Lowercase}`.
 * One deliberate difference: tokenizer.perl protects runs of dots by writing them as the word
 * `DOTMULTI` while it works, so an input that spells `DOTMULTI` loses it; here the runs are kept
 * and the final-period rule skips them instead.
 */
import type { MosesLang } from '../types.js';
import { ALWAYS, NUMERIC_ONLY } from './prefixes.js';

type Rule = readonly [RegExp, string];

const COMMON: readonly Rule[] = [
  // Every character but letters, digits, white space and . ' ` , - stands alone.
  [/[^\p{Alphabetic}\p{Nd} \n.'`,-]/gu, ' $& '],
  // Runs of two or more dots stay together, as one token.
  [/\.\.+/g, ' $& '],
  // Commas split off, except between two numbers (5,300), and after a number at the end of a line.
  [/([^\p{N}\n]),/gu, '$1 , '],
  [/,([^\p{N}\n])/gu, ' , $1'],
  [/(\p{N}),$/gmu, '$1 ,'],
];

const APOSTROPHES: Readonly<Record<MosesLang, readonly Rule[]>> = {
  // English splits contractions to the right: don't → don 't, 1990's → 1990 's.
  en: [
    [/([^\p{Alphabetic}\n])'([^\p{Alphabetic}\n])/gu, "$1 ' $2"],
    [/([^\p{Alphabetic}\p{N}\n])'(\p{Alphabetic})/gu, "$1 ' $2"],
    [/(\p{Alphabetic})'([^\p{Alphabetic}\n])/gu, "$1 ' $2"],
    [/(\p{Alphabetic})'(\p{Alphabetic})/gu, "$1 '$2"],
    [/(\p{N})'(s)/gu, "$1 '$2"],
  ],
  // French splits them to the left: l'homme → l' homme.
  fr: [
    [/([^\p{Alphabetic}\n])'([^\p{Alphabetic}\n])/gu, "$1 ' $2"],
    [/([^\p{Alphabetic}\n])'(\p{Alphabetic})/gu, "$1 ' $2"],
    [/(\p{Alphabetic})'([^\p{Alphabetic}\n])/gu, "$1 ' $2"],
    [/(\p{Alphabetic})'(\p{Alphabetic})/gu, "$1' $2"],
  ],
  // Other languages: every apostrophe stands alone.
  de: [[/'/g, " ' "]],
};

/** Inserts tokenizer.perl's spaces into `lines`: cleaned lines joined by "\n". */
export function splitRules(lines: string, lang: MosesLang): string {
  for (const [re, replacement] of COMMON) lines = lines.replace(re, replacement);
  for (const [re, replacement] of APOSTROPHES[lang]) lines = lines.replace(re, replacement);
  return lines;
}

const ALPHABETIC = /\p{Alphabetic}/u;
const LOWER_START = /^\p{Lowercase}/u;

/** How the next word starts, for `keepsPeriod`. */
export const NEXT_OTHER = 0;
export const NEXT_LOWER = 1;
export const NEXT_DIGIT = 2;

/**
 * The word loop's verdict on a word that ends in a period and is not its line's last (`pre` is the
 * word without the period; `next`: how the next word starts): does the period stay? It does after
 * an abbreviation (a word with inner periods and letters, an ALWAYS prefix), before a lower-case
 * word, and after a NUMERIC_ONLY prefix before a digit.
 */
export function keepsPeriod(pre: string, prefixes: ReadonlyMap<string, number>, next: number): boolean {
  const kind = prefixes.get(pre);
  return (
    (pre.includes('.') && ALPHABETIC.test(pre)) || kind === ALWAYS || next === NEXT_LOWER || (kind === NUMERIC_ONLY && next === NEXT_DIGIT)
  );
}

/** How `word` starts, as `keepsPeriod` asks (ASCII digits only, as Perl's `^[0-9]`). */
function nextKind(word: string): number {
  if (LOWER_START.test(word)) return NEXT_LOWER;
  const c = word.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 ? NEXT_DIGIT : NEXT_OTHER;
}

function isDotRun(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== 0x2e) return false;
  return true;
}

/**
 * Appends the tokens of one line that went through `splitRules` to `out`: a word ending in a
 * period loses it to a token of its own unless it is an abbreviation (a nonbreaking prefix, a word
 * with inner periods and letters) or a lower-case word follows; the line's last word always loses it.
 */
export function wordLoop(line: string, prefixes: ReadonlyMap<string, number>, out: string[]): void {
  const words = line.split(' ');
  let last = words.length - 1;
  while (last >= 0 && words[last] === '') last--; // Perl's split drops trailing empty fields
  const first = out.length;
  for (let i = 0; i <= last; i++) {
    const word = words[i];
    if (word === '') continue;
    const n = word.length;
    if (n >= 2 && word.charCodeAt(n - 1) === 0x2e && !isDotRun(word)) {
      const pre = word.slice(0, -1);
      if (i === last || !keepsPeriod(pre, prefixes, nextKind(words[i + 1]))) {
        out.push(pre, '.');
        continue;
      }
    }
    out.push(word);
  }
  // `.'` at the end of the line is missed above: split it now.
  const end = out.length - 1;
  if (end >= first) {
    const t = out[end];
    if (t.endsWith(".'")) {
      out.pop();
      if (t.length > 2) out.push(t.slice(0, -2));
      out.push('.', "'");
    }
  }
}

/** A line as tokenizer.perl first cleans it: white space runs as one space, control characters gone, trimmed. */
export function cleanLine(line: string): string {
  return line
    .replace(/\p{White_Space}+/gu, ' ')
    .replace(/[\x00-\x1f]/g, '')
    .replace(/ +/g, ' ')
    .replace(/^ | $/g, '');
}
