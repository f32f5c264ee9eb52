/**
 * The shapes every word, char and sentence tokenizer of this package shares: tokens plus their
 * UTF-16 offsets into the original string, in two flat typed arrays rather than one object per
 * token, so that millions of spans cost two allocations.
 */

/** Tokens plus UTF-16 offsets into the original string: token i covers `text.slice(starts[i], ends[i])`. */
export interface TokenSpans {
  readonly tokens: string[];
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** The word tokenizers: see `getWordTokenizer` for what each one matches. */
export const WORD_STYLES = ['whitespace', 'unicode', 'treebank', 'moses'] as const;
export type WordStyle = (typeof WORD_STYLES)[number];

/** Languages with their own Moses rules and nonbreaking-prefix lists. */
export const MOSES_LANGS = ['en', 'fr', 'de'] as const;
export type MosesLang = (typeof MOSES_LANGS)[number];

export interface WordTokenizerOptions {
  /** Language of the `moses` style (default `en`); the other styles ignore it. */
  lang?: MosesLang;
}

export interface WordTokenizer {
  readonly style: WordStyle;
  /** The tokens of `text`, in order. */
  tokenize(text: string): string[];
  /**
   * The tokens with their offsets. Spans are in order and never overlap. Where a style rewrites a
   * token (Treebank writes `"` as `` `` `` or `''`), its span still covers the original characters.
   */
  tokenizeWithOffsets(text: string): TokenSpans;
}
