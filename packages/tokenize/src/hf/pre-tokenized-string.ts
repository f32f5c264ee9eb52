/**
 * The input cut into splits, each a NormalizedString and, once the model (or an added token) has
 * tokenized it, its tokens (Rust tokenizers' PreTokenizedString).
 * CONTRACT (filled in by the pre-tokenizers work): the signatures below are used by tokenizer.ts.
 */
import type { NormalizedString } from './normalized-string.js';
import type { TokenBuffer } from './token-buffer.js';

export interface Split {
  normalized: NormalizedString;
  /** Tokens with offsets into `normalized.normalized`, or null while not tokenized yet. */
  tokens: TokenBuffer | null;
}

export class PreTokenizedString {
  splits: Split[] = [];
  constructor(text: string | NormalizedString) {
    void text;
    throw new Error('TODO: PreTokenizedString');
  }
  /** Replaces each split that has no tokens yet by the pieces `fn` cuts it into (empty pieces are dropped). */
  split(fn: (index: number, normalized: NormalizedString) => NormalizedString[]): void {
    void fn;
    throw new Error('TODO');
  }
  /** Normalizes, in place, each split that has no tokens yet. */
  normalize(fn: (normalized: NormalizedString) => void): void {
    void fn;
    throw new Error('TODO');
  }
  /** Tokenizes each split that has no tokens yet: `fn` appends to the buffer it is given. */
  tokenize(fn: (normalized: NormalizedString, out: TokenBuffer) => void): void {
    void fn;
    throw new Error('TODO');
  }
}
