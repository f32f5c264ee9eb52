/**
 * Word tokenizers (whitespace, Unicode word/punctuation, Penn Treebank as NLTK, Moses) and the
 * Treebank and Moses detokenizers. Every tokenizer returns tokens with UTF-16 offsets into the
 * original text. Imports nothing from other folders of the package except `../errors`.
 */
export { detokenize, DETOKENIZER_STYLES, type DetokenizerStyle } from './detokenize.js';
export { getWordTokenizer } from './get-word-tokenizer.js';
export {
  MOSES_LANGS,
  WORD_STYLES,
  type MosesLang,
  type TokenSpans,
  type WordStyle,
  type WordTokenizer,
  type WordTokenizerOptions,
} from './types.js';
