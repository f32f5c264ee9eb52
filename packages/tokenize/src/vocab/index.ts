/**
 * Vocabularies: `VocabCounter` counts a (streamed) corpus, `Vocab` freezes it into dense ids with
 * specials, lookups, encode/decode, and text/JSON files written atomically. Imports nothing from
 * other folders of the package except `../errors`.
 */
export { writeAtomically, writeFileAtomic } from './atomic-write.js';
export { DEFAULT_SPECIALS, UNK_TOKEN, Vocab, type VocabBuildOptions, type VocabFormat, type VocabLoadOptions } from './vocab.js';
export { VocabCounter, type TokenItem } from './vocab-counter.js';
export { SPECIAL_TOKENS, type VocabData, type VocabJSON } from './vocab-format.js';
