import { pyNormalizeSpaces } from '../pystr.js';

/**
 * sacreBLEU's `intl` tokenizer (mteval-v14 international): split punctuation (Unicode category P)
 * from a neighbour unless the neighbour is a number (category N), and pad every symbol (category S).
 * Categories come from the Unicode version of Node's ICU (`process.versions.unicode`); sacreBLEU uses
 * the `regex` module's tables, so characters assigned in between can differ (see the README).
 */
const NONNUM_PUNCT = /(\P{N})(\p{P})/gu;
const PUNCT_NONNUM = /(\p{P})(\P{N})/gu;
const SYMBOL = /(\p{S})/gu;

export function tokenizeIntl(line: string): string {
  line = line.replace(NONNUM_PUNCT, '$1 $2 ');
  line = line.replace(PUNCT_NONNUM, ' $1 $2');
  line = line.replace(SYMBOL, ' $1 ');
  return pyNormalizeSpaces(line);
}
