import { pyStrip } from '../pystr.js';
import { postTokenize } from './regexp.js';

/**
 * sacreBLEU's `zh` tokenizer: every "Chinese" code point is padded with spaces, then the `13a`
 * post-tokenizer runs (without the `13a` entity/newline handling). The ranges reproduce sacreBLEU
 * exactly, including its typo: the entries meant for CJK Extension B (U+20000–U+2A6D6) and the
 * Compatibility Supplement (U+2F800–U+2FA1D) are written as 5-hex-digit `\u` escapes, which Python
 * reads as a BMP character plus a digit, so the string comparison makes them U+2001–U+2A6D
 * (general punctuation, curly quotes, dashes, currency signs such as €, arrows…) and U+2F81–U+2FA1.
 */
const RANGES: readonly (readonly [number, number])[] = [
  [0x3400, 0x4db5],
  [0x4e00, 0x9fa5],
  [0x9fa6, 0x9fbb],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d], // sacreBLEU's typo for U+20000–U+2A6D6
  [0x2f81, 0x2fa1], // sacreBLEU's typo for U+2F800–U+2FA1D
  [0xff00, 0xffef],
  [0x2e80, 0x2eff],
  [0x3000, 0x303f],
  [0x31c0, 0x31ef],
  [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

/** Bitmap over the BMP (no range reaches past U+FFFF). */
const IS_ZH = new Uint8Array(0x10000);
for (const [lo, hi] of RANGES) IS_ZH.fill(1, lo, hi + 1);

export function isChineseChar(cp: number): boolean {
  return cp < 0x10000 && IS_ZH[cp] === 1;
}

export function tokenizeZh(line: string): string {
  line = pyStrip(line);
  let out = '';
  let last = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (IS_ZH[c] === 1) {
      // surrogates (U+D800–U+DFFF) are not in any range, so astral characters never match
      out += line.slice(last, i) + ' ' + line[i] + ' ';
      last = i + 1;
    }
  }
  out += line.slice(last);
  return postTokenize(out);
}
