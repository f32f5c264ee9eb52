/**
 * `VocabCounter`: token counts gathered incrementally, so a corpus can stream through before a
 * `Vocab` is built from it. Tokens are kept in order of first occurrence (the tie-break `Vocab`
 * uses by default); counts are plain numbers, exact up to 2^53.
 */
import { InvalidOptionError } from '../errors.js';

/** A token sequence (one sentence or line) or a single token. */
export type TokenItem = string | Iterable<string>;

/**
 * Counts tokens in order of first occurrence.
 * @example
 * const c = new VocabCounter();
 * c.addTokens(['a', 'b', 'a']);
 * c.countOf('a'); // 2
 */
export class VocabCounter {
  private readonly index = new Map<string, number>();
  private readonly seen: string[] = [];
  private readonly counts: number[] = [];
  private totalCount = 0;

  /** Adds `n` (a positive integer, default 1) occurrences of `token`. */
  add(token: string, n = 1): this {
    if (typeof token !== 'string' || token.length === 0) {
      throw new InvalidOptionError('token', token, 'a non-empty string');
    }
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidOptionError('n', n, 'a positive integer');
    const i = this.index.get(token);
    if (i === undefined) {
      this.index.set(token, this.seen.length);
      this.seen.push(token);
      this.counts.push(n);
    } else {
      this.counts[i] += n;
    }
    this.totalCount += n;
    return this;
  }

  /** Adds every token of `tokens` once. */
  addTokens(tokens: Iterable<string>): this {
    for (const t of tokens) this.add(t);
    return this;
  }

  /** Adds one item: a token (string) or a sequence of tokens. */
  addItem(item: TokenItem): this {
    return typeof item === 'string' ? this.add(item) : this.addTokens(item);
  }

  /** Adds every item of `items` (tokens or token sequences), e.g. a whole corpus. */
  addAll(items: Iterable<TokenItem>): this {
    checkNotString(items);
    for (const item of items) this.addItem(item);
    return this;
  }

  /** Like `addAll`, for a corpus that streams in (a file read line by line). */
  async addAllAsync(items: AsyncIterable<TokenItem> | Iterable<TokenItem>): Promise<this> {
    checkNotString(items);
    for await (const item of items) this.addItem(item);
    return this;
  }

  /** How many times `token` was added (0 if never). */
  countOf(token: string): number {
    const i = this.index.get(token);
    return i === undefined ? 0 : this.counts[i];
  }

  /** Number of distinct tokens. */
  get size(): number {
    return this.seen.length;
  }

  /** Number of tokens added, repeats included. */
  get total(): number {
    return this.totalCount;
  }

  /** `[token, count]` pairs in order of first occurrence. */
  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.seen.length; i++) yield [this.seen[i], this.counts[i]];
  }
}

/** A string is iterable (by characters), which is never what a caller means by a corpus. */
function checkNotString(items: unknown): void {
  if (typeof items === 'string') {
    throw new InvalidOptionError('tokens', items, 'an iterable of tokens or token arrays, not a single string');
  }
}
