/** A Pattern from a JavaScript regex source (for the fixed, built-in patterns of the pre-tokenizers). */
import type { Pattern } from '../regex/pattern.js';

export function regexFromJs(source: string): Pattern {
  return { kind: 'regex', source, regex: new RegExp(source, 'gu') };
}
