/**
 * `getWordTokenizer`: one factory for the four word styles, each a small object around a kernel
 * that appends spans to a `SpanBuilder`.
 */
import { UnknownNameError } from '../errors.js';
import { checkMosesLang } from './check-name.js';
import { mosesKernel } from './moses/moses.js';
import { SpanBuilder } from './span-builder.js';
import { treebankKernel } from './treebank/treebank.js';
import { WORD_STYLES, type TokenSpans, type WordStyle, type WordTokenizer, type WordTokenizerOptions } from './types.js';
import { unicodeKernel } from './unicode.js';
import { whitespaceKernel } from './whitespace.js';

type Kernel = (text: string, out: SpanBuilder) => void;

class KernelTokenizer implements WordTokenizer {
  constructor(
    readonly style: WordStyle,
    private readonly kernel: Kernel,
  ) {}

  tokenize(text: string): string[] {
    const out = new SpanBuilder(false);
    this.kernel(text, out);
    return out.tokens;
  }

  tokenizeWithOffsets(text: string): TokenSpans {
    const out = new SpanBuilder(true);
    this.kernel(text, out);
    return out.finish();
  }
}

/**
 * The word tokenizer of `style`:
 * - `whitespace`: runs of non-space, as Python's `str.split()`;
 * - `unicode`: words (`\p{L}\p{N}\p{Pc}`) and punctuation runs, as NLTK's `wordpunct_tokenize` but
 *   Unicode-aware (marks and joiners never split a token);
 * - `treebank`: the tokens of NLTK's `TreebankWordTokenizer` (`"` becomes `` `` `` or `''`);
 * - `moses`: the tokens of Moses' `tokenizer.perl -l <lang> -no-escape`, line by line.
 *
 * Throws `UnknownNameError` for an unknown style or Moses language.
 * @example getWordTokenizer('treebank').tokenize("They'll pay $3.88.") // ['They', "'ll", 'pay', '$', '3.88', '.']
 * @example getWordTokenizer('moses', { lang: 'fr' }).tokenize("L'été.") // ["L'", 'été', '.']
 */
export function getWordTokenizer(style: WordStyle, options: WordTokenizerOptions = {}): WordTokenizer {
  switch (style) {
    case 'whitespace':
      return new KernelTokenizer(style, whitespaceKernel);
    case 'unicode':
      return new KernelTokenizer(style, unicodeKernel);
    case 'treebank':
      return new KernelTokenizer(style, treebankKernel);
    case 'moses': {
      const lang = checkMosesLang(options.lang ?? 'en');
      return new KernelTokenizer(style, (text, out) => mosesKernel(text, out, lang));
    }
    default:
      throw new UnknownNameError('word tokenizer style', String(style), WORD_STYLES);
  }
}
