/**
 * Extended grapheme clusters (what a reader calls a character: `é` written as e + U+0301, a flag, a
 * family emoji), as `Intl.Segmenter` finds them (UAX #29).
 *
 * Performance: the segmenter allocates an object per cluster. Between two code points that never
 * join a neighbour (`LONE_GRAPHEME`: most letters, digits, punctuation, CJK) there is always a
 * cluster boundary, except inside CR LF, so such text is cut here directly and only the stretches
 * around other characters go through the segmenter.
 */
import { InvalidOptionError } from '../errors.js';
import { ASCII_CLASS, LONE_GRAPHEME, classOf, codePointAt } from '../words/char-class.js';
import type { TokenSpans } from '../words/types.js';

export interface GraphemeOptions {
  /** BCP 47 locale handed to `Intl.Segmenter` (default: the root locale's rules, which are the same in practice). */
  locale?: string;
}

const CR = 0x0d;
const LF = 0x0a;

let rootSegmenter: Intl.Segmenter | undefined;
/** The segmenters of the last few locales asked for: building one costs far more than a short text. */
const localeSegmenters = new Map<string, Intl.Segmenter>();
const MAX_LOCALES = 8;

function segmenterFor(locale: string | undefined): Intl.Segmenter {
  if (locale === undefined) return (rootSegmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' }));
  let segmenter = localeSegmenters.get(locale);
  if (segmenter) return segmenter;
  try {
    segmenter = new Intl.Segmenter(locale, { granularity: 'grapheme' });
  } catch {
    throw new InvalidOptionError('locale', locale, 'a BCP 47 language tag such as "en" or "hi-IN"');
  }
  // Bounded: a caller cycling through many locales drops the oldest (Map keeps insertion order).
  if (localeSegmenters.size >= MAX_LOCALES) localeSegmenters.delete(localeSegmenters.keys().next().value!);
  localeSegmenters.set(locale, segmenter);
  return segmenter;
}

function isLone(cp: number): boolean {
  return ((cp < 0x80 ? ASCII_CLASS[cp] : classOf(cp)) & LONE_GRAPHEME) !== 0;
}

/**
 * The grapheme clusters of `text`, with UTF-16 offsets.
 * @example graphemes('e\u0301🇫🇷!').tokens // ['é', '🇫🇷', '!']
 */
export function graphemes(text: string, options: GraphemeOptions = {}): TokenSpans {
  const n = text.length;
  // At most one cluster per code unit: fill the offsets in place, trim once.
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const tokens: string[] = [];
  let k = 0;
  // A locale is checked at once, not only when some text needs the segmenter.
  let segmenter = options.locale === undefined ? undefined : segmenterFor(options.locale);
  let i = 0;
  let cp = n > 0 ? codePointAt(text, 0) : 0;
  while (i < n) {
    const len = cp > 0xffff ? 2 : 1;
    const next = i + len < n ? codePointAt(text, i + len) : -1;
    if (isLone(cp)) {
      if (next < 0 || (isLone(next) && cp !== CR)) {
        tokens.push(len === 1 ? text[i] : text.slice(i, i + 2));
        starts[k] = i;
        ends[k++] = i + len;
        i += len;
        cp = next;
        continue;
      }
      if (cp === CR && next === LF) {
        tokens.push('\r\n');
        starts[k] = i;
        ends[k++] = i + 2;
        i += 2;
        cp = i < n ? codePointAt(text, i) : 0;
        continue;
      }
    }
    // A stretch that needs the segmenter: from i to the next sure boundary.
    let end = i + len;
    let prev = cp;
    let at = next;
    while (at >= 0 && !(isLone(prev) && isLone(at) && !(prev === CR && at === LF))) {
      end += at > 0xffff ? 2 : 1;
      prev = at;
      at = end < n ? codePointAt(text, end) : -1;
    }
    segmenter ??= segmenterFor(undefined);
    for (const seg of segmenter.segment(text.slice(i, end))) {
      tokens.push(seg.segment);
      starts[k] = i + seg.index;
      ends[k++] = i + seg.index + seg.segment.length;
    }
    i = end;
    cp = at;
  }
  return { tokens, starts: starts.slice(0, k), ends: ends.slice(0, k) };
}
