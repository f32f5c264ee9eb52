/**
 * Moses' `detokenizer.perl -l <lang>` (default options): joins tokens with the spacing the
 * tokenizer took away, written from reading the Perl. Like the Perl, it first undoes the
 * tokenizer's escapes (`&amp;` → `&`, `&#124;` → `|`, …) and its `@-@` hyphens.
 */
import type { MosesLang } from '../types.js';

const CURRENCY_OR_OPENING = /^[\p{Sc}([{¿¡]+$/u;
const CLOSING_PUNCT = /^[,.?!:;\\%}\])]+$/;
const FRENCH_SPACED = /^[?!:;\\%]$/;
const QUOTES = /^['"„“`]+$/;
const DOUBLE_QUOTES = /^[„“”]+$/;
const CONTRACTION = /^'\p{Alphabetic}/u;
const ENDS_ALNUM = /[\p{Alphabetic}\p{Nd}]$/u;
const ELISION = /\p{Alphabetic}'$/u;
const STARTS_ALPHA = /^\p{Alphabetic}/u;
const BLANK_OR_MARKUP = /^<.+>$|^\p{White_Space}*$/u;

const ESCAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/&bar;/g, '|'],
  [/&#124;/g, '|'],
  [/&lt;/g, '<'],
  [/&gt;/g, '>'],
  [/&bra;/g, '['],
  [/&ket;/g, ']'],
  [/&quot;/g, '"'],
  [/&apos;/g, "'"],
  [/&#91;/g, '['],
  [/&#93;/g, ']'],
  [/&amp;/g, '&'],
];

/** Chinese, Japanese and Korean code points, as detokenizer.perl's `charIsCJK` lists them. */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xa840 && cp <= 0xa87f) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff65 && cp <= 0xffdc) ||
    (cp >= 0x20000 && cp <= 0x2ffff)
  );
}

function startsCjk(word: string): boolean {
  return word.length > 0 && isCjk(word.codePointAt(0)!);
}

function endsCjk(word: string): boolean {
  if (word.length === 0) return false;
  const last = word.charCodeAt(word.length - 1);
  const cp = (last & 0xfc00) === 0xdc00 && word.length > 1 ? word.codePointAt(word.length - 2)! : last;
  return isCjk(cp);
}

/**
 * The text detokenizer.perl prints for `tokens` (one line, joined by spaces).
 * @example mosesDetokenize(['Hello', ',', 'world', '!'], 'en') // 'Hello, world!'
 */
export function mosesDetokenize(tokens: readonly string[], lang: MosesLang): string {
  const line = tokens.join(' ');
  if (BLANK_OR_MARKUP.test(line)) return line;
  let text = ` ${line} `.replace(/ @-@ /g, '-');
  for (const [re, s] of ESCAPES) text = text.replace(re, s);

  const words = text.split(' ');
  while (words.length > 0 && words[words.length - 1] === '') words.pop(); // as Perl's split
  const quoteCount = new Map<string, number>([
    ["'", 0],
    ['"', 0],
  ]);
  let out = '';
  let prependSpace = ' ';
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (startsCjk(word)) {
      out += i > 0 && endsCjk(words[i - 1]) ? word : prependSpace + word;
      prependSpace = ' ';
    } else if (CURRENCY_OR_OPENING.test(word)) {
      // Currency signs and opening brackets stick to the next word.
      out += prependSpace + word;
      prependSpace = '';
    } else if (CLOSING_PUNCT.test(word)) {
      // Punctuation sticks to the previous word (French sets ? ! : ; \ % off by a space).
      if (lang === 'fr' && FRENCH_SPACED.test(word)) out += ' ';
      out += word;
      prependSpace = ' ';
    } else if (lang === 'en' && i > 0 && CONTRACTION.test(word) && ENDS_ALNUM.test(words[i - 1])) {
      out += word; // don 't → don't
      prependSpace = ' ';
    } else if (lang === 'fr' && i <= words.length - 2 && ELISION.test(word) && STARTS_ALPHA.test(words[i + 1])) {
      out += prependSpace + word; // l' homme → l'homme
      prependSpace = '';
    } else if (QUOTES.test(word)) {
      // Quotes alternate: odd ones open (stick right), even ones close (stick left).
      const kind = DOUBLE_QUOTES.test(word) ? '"' : word;
      const count = quoteCount.get(kind) ?? 0;
      if (count % 2 === 0) {
        if (lang === 'en' && word === "'" && i > 0 && words[i - 1].endsWith('s')) {
          out += word; // the Joneses' house
          prependSpace = ' ';
        } else {
          out += prependSpace + word;
          prependSpace = '';
          quoteCount.set(kind, count + 1);
        }
      } else {
        out += word;
        prependSpace = ' ';
        quoteCount.set(kind, count + 1);
      }
    } else {
      out += prependSpace + word;
      prependSpace = ' ';
    }
  }
  return out
    .replace(/ +/g, ' ')
    .replace(/\n /g, '\n')
    .replace(/ \n/g, '\n')
    .replace(/^ | $/g, '');
}
