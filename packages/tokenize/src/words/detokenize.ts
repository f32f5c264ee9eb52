/**
 * `detokenize`: tokens back to text, undoing the spacing of the `treebank` or `moses` style as
 * NLTK's `TreebankWordDetokenizer` or Moses' `detokenizer.perl` do.
 */
import { UnknownNameError } from '../errors.js';
import { checkMosesLang } from './check-name.js';
import { mosesDetokenize } from './moses/moses-detokenizer.js';
import { treebankDetokenize } from './treebank/treebank-detokenizer.js';
import type { WordTokenizerOptions } from './types.js';

export const DETOKENIZER_STYLES = ['treebank', 'moses'] as const;
export type DetokenizerStyle = (typeof DETOKENIZER_STYLES)[number];

/**
 * The text that `style`'s reference detokenizer makes of `tokens`: NLTK's
 * `TreebankWordDetokenizer().detokenize(tokens)` or Moses' `detokenizer.perl -l <lang>` on the tokens
 * joined by spaces (which first unescapes `&amp;`, `&lt;`, … as the Perl does).
 * Throws `UnknownNameError` for an unknown style or Moses language.
 * @example detokenize(['``', 'Hi', "''", 'she', 'said', '.'], 'treebank') // '"Hi" she said.'
 * @example detokenize(["L'", 'été', '!'], 'moses', { lang: 'fr' }) // "L'été !"
 */
export function detokenize(tokens: readonly string[], style: DetokenizerStyle, options: WordTokenizerOptions = {}): string {
  switch (style) {
    case 'treebank':
      return treebankDetokenize(tokens);
    case 'moses':
      return mosesDetokenize(tokens, checkMosesLang(options.lang ?? 'en'));
    default:
      throw new UnknownNameError('detokenizer style', String(style), DETOKENIZER_STYLES);
  }
}
