/**
 * Sentence splitting as Moses' `split-sentences.perl`, returning spans of the original text.
 * Uses the Moses nonbreaking prefixes and span types of `../words`.
 */
export { splitSentences, type SentenceOptions } from './split-sentences.js';
