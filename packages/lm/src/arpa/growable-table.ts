/**
 * `GrowableTable`: the n-grams of one order while counting, keyed like `NgramTable` (suffix index in
 * the order below, first word) in typed arrays that double when full, with a count per entry.
 * Used by the lmplz-style counter, where the number of n-grams is not known in advance.
 *
 * As in `NgramTable`, the hash is of the n-gram's words (`pairHash` folded leftwards from the last word,
 * kept per entry in `hashes`), so the counter computes every order's probe address from the word ids
 * before the lower order's entry is known, and the misses of the orders overlap; each slot holds the
 * hash beside the entry, so a probe reads the entry's fields only on a hash match.
 */
import { pairHash } from './pair-hash.js';

export class GrowableTable {
  suffix: Uint32Array;
  left: Uint32Array;
  /** Raw occurrence counts (highest order and n-grams starting with `<s>`); others get adjusted counts later. */
  count: Float64Array;
  /** The words-hash of each entry (`pairHash(hash of the suffix's words, first word)`; a unigram's is its id). */
  hashes: Int32Array;
  /** Two Int32 per slot: entry index + 1 (0 = empty) and the entry's hash. */
  private slots: Int32Array;
  private mask: number;
  length = 0;

  /** `lower` is the table of the order below (none for bigrams, whose suffixes are word ids). */
  constructor(
    initial = 1024,
    readonly lower?: GrowableTable,
  ) {
    let cap = 16;
    while (cap < initial) cap *= 2;
    this.suffix = new Uint32Array(cap);
    this.left = new Uint32Array(cap);
    this.count = new Float64Array(cap);
    this.hashes = new Int32Array(cap);
    this.slots = new Int32Array(cap * 4);
    this.mask = cap * 2 - 1;
  }

  /** The hash of (`suffix`, `leftWord`) as `findOrInsertHashed` wants it. */
  keyHash(suffix: number, leftWord: number): number {
    return pairHash(this.lower ? this.lower.hashes[suffix] : suffix, leftWord);
  }

  /** Index of (`suffix`, `leftWord`), inserting it with count 0 when new; `isNew` tells which. */
  findOrInsert(suffix: number, leftWord: number): number {
    return this.findOrInsertHashed(this.keyHash(suffix, leftWord), suffix, leftWord);
  }

  /** `findOrInsert` with the key's hash given (see `keyHash`). */
  findOrInsertHashed(hash: number, suffix: number, leftWord: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let h = hash & mask;
    for (;;) {
      const at = slots[2 * h] - 1;
      if (at < 0) break;
      if (slots[2 * h + 1] === hash && this.suffix[at] === suffix && this.left[at] === leftWord) {
        this.isNew = false;
        return at;
      }
      h = (h + 1) & mask;
    }
    const i = this.length;
    if (i === this.suffix.length) {
      this.grow();
      return this.findOrInsertHashed(hash, suffix, leftWord);
    }
    slots[2 * h] = i + 1;
    slots[2 * h + 1] = hash;
    this.suffix[i] = suffix;
    this.left[i] = leftWord;
    this.hashes[i] = hash;
    this.length = i + 1;
    this.isNew = true;
    return i;
  }

  /** Whether the last `findOrInsert` inserted. */
  isNew = false;

  /** Index of (`suffix`, `leftWord`) or -1. */
  find(suffix: number, leftWord: number): number {
    const hash = this.keyHash(suffix, leftWord);
    const slots = this.slots;
    for (let h = hash & this.mask; ; h = (h + 1) & this.mask) {
      const at = slots[2 * h] - 1;
      if (at < 0) return -1;
      if (slots[2 * h + 1] === hash && this.suffix[at] === suffix && this.left[at] === leftWord) return at;
    }
  }

  private grow(): void {
    const cap = this.suffix.length * 2;
    const grown = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a);
      return b;
    };
    this.suffix = grown(this.suffix);
    this.left = grown(this.left);
    const c = new Float64Array(cap);
    c.set(this.count);
    this.count = c;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.slots = new Int32Array(cap * 4);
    this.mask = cap * 2 - 1;
    const slots = this.slots;
    for (let i = 0; i < this.length; i++) {
      let h = hashes[i] & this.mask;
      while (slots[2 * h] !== 0) h = (h + 1) & this.mask;
      slots[2 * h] = i + 1;
      slots[2 * h + 1] = hashes[i];
    }
  }
}
