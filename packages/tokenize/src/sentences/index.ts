/**
 * Sentence splitting as Moses' `split-sentences.perl`, returning spans of the original text.
 * Uses from `../words` the Moses nonbreaking prefixes, the span types and builder and the language
 * check, none of the word tokenizers.
 */
export { BLANK_LINE, MARKUP_LINE, splitSentences, type SentenceOptions } from './split-sentences.js';
