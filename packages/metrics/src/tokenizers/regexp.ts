import { pyNormalizeSpaces } from '../pystr.js';

/**
 * The mteval-style post-tokenizer shared by `13a` and `zh` (sacreBLEU's TokenizerRegexp): pad
 * ASCII punctuation and symbols with spaces, split `.` and `,` unless between digits, split a
 * dash after a digit, then collapse Python whitespace. Digits are ASCII only, as in Python's `[0-9]`.
 */
const PUNCT = /([{-~[-`\x20-&(-+:-@/])/gu;
const NONDIGIT_PERIOD = /([^0-9])([.,])/gu;
const PERIOD_NONDIGIT = /([.,])([^0-9])/gu;
const DIGIT_DASH = /([0-9])(-)/gu;

export function postTokenize(line: string): string {
  line = line.replace(PUNCT, ' $1 ');
  line = line.replace(NONDIGIT_PERIOD, '$1 $2 ');
  line = line.replace(PERIOD_NONDIGIT, ' $1 $2');
  line = line.replace(DIGIT_DASH, '$1 $2 ');
  return pyNormalizeSpaces(line);
}
