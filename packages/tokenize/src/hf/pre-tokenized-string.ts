/**
 * The input cut into splits, each a NormalizedString and, once the model (or an added token) has
 * tokenized it, its tokens (Rust tokenizers' PreTokenizedString).
 * CONTRACT (filled in by the pre-tokenizers work): the signatures below are used by tokenizer.ts.
 */
import { NormalizedString } from './normalized-string.js';
import { TokenBuffer } from './token-buffer.js';

export interface Split {
  normalized: NormalizedString;
  /** Tokens with offsets into `normalized.normalized`, or null while not tokenized yet. */
  tokens: TokenBuffer | null;
}

export class PreTokenizedString {
  splits: Split[] = [];
  /** The text the whole string started from. */
  readonly original: string;

  constructor(text: string | NormalizedString) {
    const normalized = typeof text === 'string' ? new NormalizedString(text) : text;
    this.original = normalized.original;
    this.splits = [{ normalized, tokens: null }];
  }

  /** Replaces each split that has no tokens yet by the pieces `fn` cuts it into (empty pieces are dropped). */
  split(fn: (index: number, normalized: NormalizedString) => NormalizedString[]): void {
    const next: Split[] = [];
    const splits = this.splits;
    for (let i = 0; i < splits.length; i++) {
      const s = splits[i]!;
      if (s.tokens !== null) {
        next.push(s);
        continue;
      }
      for (const piece of fn(i, s.normalized)) if (!piece.isEmpty()) next.push({ normalized: piece, tokens: null });
    }
    this.splits = next;
  }

  /** Normalizes, in place, each split that has no tokens yet. */
  normalize(fn: (normalized: NormalizedString) => void): void {
    for (const s of this.splits) if (s.tokens === null) fn(s.normalized);
  }

  /** Tokenizes each split that has no tokens yet: `fn` appends to the buffer it is given. */
  tokenize(fn: (normalized: NormalizedString, out: TokenBuffer) => void): void {
    for (const s of this.splits) {
      if (s.tokens !== null) continue;
      const out = new TokenBuffer(8);
      fn(s.normalized, out);
      s.tokens = out;
    }
  }

  /**
   * Each split's normalized text with its range in the whole input (UTF-16), as Rust's
   * `get_splits(OffsetReferential::Original, …)` reports them.
   */
  getSplits(): Array<[string, [number, number]]> {
    return this.splits.map((s) => [s.normalized.normalized, s.normalized.offsetsOriginal()]);
  }
}
