/**
 * BERT's text cleanup: drop control characters and turn whitespace into ' ', put spaces around CJK
 * ideographs, strip accents (NFD then drop Mn), lowercase. `stripAccents: null` means "do it when lowercasing".
 */
import type { NormalizedString } from '../normalized-string.js';
import { isWhitespace } from '../normalized-string.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject, Normalizer } from '../stages.js';
import { isNonspacingMark, isOtherCategory } from './rust-unicode.js';

/** BERT's whitespace: Unicode White_Space (which already has \t, \n, \r). */
function isBertWhitespace(cp: number): boolean {
  return isWhitespace(cp);
}

/** Rust's `is_other()` minus \t, \n, \r. */
function isBertControl(cp: number): boolean {
  return cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && isOtherCategory(cp);
}

/** The CJK Unified Ideograph blocks BERT singles out (not all of CJK: no kana, hangul or punctuation). */
export function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

export interface BertNormalizerOptions {
  cleanText?: boolean;
  handleChineseChars?: boolean;
  stripAccents?: boolean | null;
  lowercase?: boolean;
}

export class BertNormalizer implements Normalizer {
  readonly cleanText: boolean;
  readonly handleChineseChars: boolean;
  readonly stripAccents: boolean | null;
  readonly lowercase: boolean;

  constructor(options: BertNormalizerOptions = {}) {
    this.cleanText = options.cleanText ?? true;
    this.handleChineseChars = options.handleChineseChars ?? true;
    this.stripAccents = options.stripAccents ?? null;
    this.lowercase = options.lowercase ?? true;
  }

  static fromJSON(reader: JsonReader): BertNormalizer {
    const strip = reader.raw('strip_accents');
    return new BertNormalizer({
      cleanText: reader.boolean('clean_text'),
      handleChineseChars: reader.boolean('handle_chinese_chars'),
      stripAccents: strip === undefined || strip === null ? null : reader.boolean('strip_accents'),
      lowercase: reader.boolean('lowercase'),
    });
  }

  normalize(text: NormalizedString): void {
    if (this.cleanText) {
      text.filter((cp) => !(cp === 0 || cp === 0xfffd || isBertControl(cp)));
      if (hasChar(text.normalized, (cp) => cp !== 0x20 && isBertWhitespace(cp))) {
        text.map((ch) => (isBertWhitespace(ch.codePointAt(0)!) ? ' ' : ch));
      }
    }
    if (this.handleChineseChars && hasChar(text.normalized, isChineseChar)) {
      // Rust: (' ', 0), (c, 1), (' ', 1) — all three aligned like the ideograph.
      text.expandChars((ch) => (isChineseChar(ch.codePointAt(0)!) ? ` ${ch} ` : ch));
    }
    if (this.stripAccents ?? this.lowercase) {
      text.nfd();
      text.filter((cp) => !isNonspacingMark(cp));
    }
    if (this.lowercase) text.lowercase();
  }

  toJSON(): JsonObject {
    return {
      type: 'BertNormalizer',
      clean_text: this.cleanText,
      handle_chinese_chars: this.handleChineseChars,
      strip_accents: this.stripAccents,
      lowercase: this.lowercase,
    };
  }
}

function hasChar(s: string, pred: (cp: number) => boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (pred(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}
