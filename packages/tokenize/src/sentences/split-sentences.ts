/**
 * `splitSentences`: the sentences of Moses' `split-sentences.perl -l <lang>` (default options), as
 * spans of the original text, written from reading the Perl.
 *
 * Moses joins the lines of a paragraph (up to a blank line) with spaces, squeezes runs of spaces,
 * inserts a line break at four kinds of sentence ends (`?`/`!`, runs of dots, punctuation inside
 * closing quotes or brackets, punctuation before opening quotes) when a capital letter or digit
 * follows, then walks the words: a word ending in a period ends a sentence when the next word
 * starts (after any opening quotes) with a capital or a digit, unless the word is a nonbreaking
 * prefix (`Mr.`, `No.` before a number) or an upper-case acronym (`U.S.`). A line `<…>` is a
 * sentence of its own. Every break falls on white space, so the sentence text is the original
 * with line breaks, tabs and runs of spaces where Moses prints one space.
 *
 * One deliberate difference: a line ending in "\r\n" counts as ending in "\n" (Moses would keep
 * the "\r" inside the last word and miss a period before it).
 */
import { checkMosesLang } from '../words/check-name.js';
import { ALWAYS, NUMERIC_ONLY, prefixKinds } from '../words/moses/prefixes.js';
import { SpanBuilder } from '../words/span-builder.js';
import type { MosesLang, TokenSpans } from '../words/types.js';
import { periodEnding } from './period-ending.js';

export interface SentenceOptions {
  /** Language of the nonbreaking prefixes (default `en`). */
  lang?: MosesLang;
}

const START = `\\p{Uppercase}0-9`;
/** The four regex passes of split-sentences.perl, each turning one space into a line break. */
const BREAK_RULES: readonly RegExp[] = [
  // `?` or `!` then a sentence start.
  new RegExp(`([?!؟\\u0964\\u0965]) +(['"([¿¡\\p{Pi}]*[${START}])`, 'gu'),
  // A run of dots then a sentence start. `(?<!\.)`: only from a run's first dot — the same matches
  // (a match never ends inside a run of dots), but a run with no space after it is read once, not
  // once per dot (200k dots took 37 s).
  new RegExp(`(?<!\\.)(\\.[.]+) +(['"([¿¡\\p{Pi}]*[${START}])`, 'gu'),
  // End punctuation inside closing quotes or brackets.
  new RegExp(`([?!؟.\\u0964\\u0965][ ]*[\\u300d\\u300f'")\\]\\p{Pf}]+) +(['"([¿¡\\p{Pi}]*[ ]*[${START}])`, 'gu'),
  // End punctuation before opening quotes or brackets.
  new RegExp(`([?!؟.\\u0964\\u0965]) +([\\u300d\\u300f'"([¿¡\\p{Pi}]+[ ]*[${START}])`, 'gu'),
];
const ACRONYM = /(\.)[\p{Uppercase}-]+(\.+)$/u;
const NEXT_STARTS_SENTENCE = new RegExp(`^([ ]*['"([¿¡\\p{Pi}]*[ ]*[0-9${START}])`, 'u');
/** Perl's `/^<.+>$/` (its `.` takes any character but "\n"): a markup line, a sentence of its own. */
export const MARKUP_LINE = /^<[^\n]+>$/;

/** Perl's `\h`: tab and the space separators. */
function isBlank(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000))
  );
}

/** Perl's `/^\s*$/` (with Unicode strings, `\s` is White_Space): a blank line, which ends a paragraph. */
export const BLANK_LINE = /^\p{White_Space}*$/u;

/**
 * One paragraph as Moses builds it: its lines joined by one space, runs of spaces squeezed, no
 * leading space. It is kept as pieces of the text, each mapped back to where it came from.
 */
class Paragraph {
  private pieces: string[] = [];
  /** Index in the paragraph, and in the text, of each piece's first character. */
  private paraStarts: number[] = [];
  private textStarts: number[] = [];
  length = 0;

  /** Appends line `text[start..end)` and the joining space. */
  addLine(text: string, start: number, end: number): void {
    let i = start;
    let from = start;
    let afterSpace = this.length === 0 || this.endsWithSpace();
    for (; i < end; i++) {
      if (text.charCodeAt(i) !== 0x20) {
        afterSpace = false;
        continue;
      }
      if (afterSpace) {
        // A space that `s/ +/ /g` (or the trim) removes: end the piece before it.
        if (i > from) this.add(text, from, i);
        from = i + 1;
      }
      afterSpace = true;
    }
    if (end > from) this.add(text, from, end);
    if (!afterSpace) this.addJoin(end);
  }

  /** The paragraph's text, without the final joining space. */
  text(): string {
    const joined = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    return joined.endsWith(' ') ? joined.slice(0, -1) : joined;
  }

  /** Index in the text of paragraph character `p`; `hint` is a piece index at or before it. */
  origin(p: number, hint: { piece: number }): number {
    let k = hint.piece;
    while (k + 1 < this.paraStarts.length && this.paraStarts[k + 1] <= p) k++;
    hint.piece = k;
    return this.textStarts[k] + (p - this.paraStarts[k]);
  }

  clear(): void {
    this.pieces = [];
    this.paraStarts = [];
    this.textStarts = [];
    this.length = 0;
  }

  private endsWithSpace(): boolean {
    const last = this.pieces[this.pieces.length - 1];
    return last.charCodeAt(last.length - 1) === 0x20;
  }

  private add(text: string, from: number, to: number): void {
    this.pieces.push(text.slice(from, to));
    this.paraStarts.push(this.length);
    this.textStarts.push(from);
    this.length += to - from;
  }

  /** The space that joins a line to the next (it stands for the line break at `at`). */
  private addJoin(at: number): void {
    this.pieces.push(' ');
    this.paraStarts.push(this.length);
    this.textStarts.push(at);
    this.length++;
  }
}

/**
 * The sentences of `text`, each a span of the original text (from its first to its last
 * non-blank character).
 * Throws `UnknownNameError` for an unknown language.
 * @example splitSentences('Mr. Smith arrived. He sat down.').tokens // ['Mr. Smith arrived.', 'He sat down.']
 */
export function splitSentences(text: string, options: SentenceOptions = {}): TokenSpans {
  const prefixes = prefixKinds(checkMosesLang(options.lang ?? 'en'));
  const out = new SpanBuilder(true);
  const para = new Paragraph();
  const n = text.length;
  let lineStart = 0;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const next = lineEnd + 1;
    if (lineEnd > lineStart && lineEnd < n && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    const first = lineStart < lineEnd ? text.charCodeAt(lineStart) : -1;
    const markup = first === 0x3c && MARKUP_LINE.test(text.slice(lineStart, lineEnd));
    if (markup || first < 0 || (first !== 0x3c && BLANK_LINE.test(text.slice(lineStart, lineEnd)))) {
      // A blank or markup line ends the paragraph; markup is a sentence of its own.
      if (para.length > 0) splitParagraph(text, para, prefixes, out);
      para.clear();
      if (markup) out.push(text.slice(lineStart, lineEnd), lineStart, lineEnd);
    } else para.addLine(text, lineStart, lineEnd);
    lineStart = next;
  }
  if (para.length > 0) splitParagraph(text, para, prefixes, out);
  return out.finish();
}

/** Splits one paragraph and appends its sentences. */
function splitParagraph(text: string, paragraph: Paragraph, prefixes: ReadonlyMap<string, number>, out: SpanBuilder): void {
  let para = paragraph.text();
  for (const re of BREAK_RULES) para = para.replace(re, '$1\n$2');

  // The word loop: a break at the blank after a word that ends a sentence. The rules' line
  // breaks are breaks too (but not word boundaries: Perl splits the words at `\h` only).
  const n = para.length;
  const breaks: number[] = [];
  let wordStart = 0;
  let prevStart = -1; // the previous word, when it ends in a period
  let prevEnd = 0;
  for (let k = 0; k <= n; k++) {
    if (k < n && !isBlank(para.charCodeAt(k))) continue;
    if (prevStart >= 0 && endsSentence(para.slice(prevStart, prevEnd), para.slice(wordStart, k), prefixes)) breaks.push(prevEnd);
    prevStart = k > wordStart && para.charCodeAt(k - 1) === 0x2e ? wordStart : -1;
    prevEnd = k;
    wordStart = k + 1;
  }
  for (let k = para.indexOf('\n'); k >= 0; k = para.indexOf('\n', k + 1)) breaks.push(k);
  breaks.sort((x, y) => x - y);
  breaks.push(n);

  // Sentences: the stretches between breaks, less the blanks at their edges.
  const hint = { piece: 0 };
  let s = 0;
  for (const k of breaks) {
    let a = s;
    let b = k;
    while (a < b && isBlank(para.charCodeAt(a))) a++;
    while (b > a && isBlank(para.charCodeAt(b - 1))) b--;
    if (b > a) {
      const start = paragraph.origin(a, hint);
      const end = paragraph.origin(b - 1, hint) + 1;
      out.push(text.slice(start, end), start, end);
    }
    s = k + 1;
  }
}

/** Whether split-sentences.perl breaks after `word` (which ends in a period) when `next` follows it. */
function endsSentence(word: string, next: string, prefixes: ReadonlyMap<string, number>): boolean {
  const m = periodEnding(word);
  if (!m) return false;
  const [prefix, startingPunct] = m;
  const kind = prefix ? prefixes.get(prefix) : undefined;
  if (kind === ALWAYS && !startingPunct) return false;
  if (ACRONYM.test(word)) return false;
  if (!NEXT_STARTS_SENTENCE.test(next)) return false;
  return !(kind === NUMERIC_ONLY && !startingPunct && /^[0-9]/.test(next));
}
