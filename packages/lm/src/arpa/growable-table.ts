/**
 * `GrowableTable`: the n-grams of one order while counting, keyed like `NgramTable` (suffix index in
 * the order below, first word) in typed arrays that double when full, with a count per entry.
 * Used by the lmplz-style counter, where the number of n-grams is not known in advance.
 */
import { pairHash } from './pair-hash.js';

const EMPTY = -1;

export class GrowableTable {
  suffix: Uint32Array;
  left: Uint32Array;
  /** Raw occurrence counts (highest order and n-grams starting with `<s>`); others get adjusted counts later. */
  count: Float64Array;
  private slots: Int32Array;
  private mask: number;
  length = 0;

  constructor(initial = 1024) {
    let cap = 16;
    while (cap < initial) cap *= 2;
    this.suffix = new Uint32Array(cap);
    this.left = new Uint32Array(cap);
    this.count = new Float64Array(cap);
    this.slots = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
  }

  /** Index of (`suffix`, `leftWord`), inserting it with count 0 when new; `isNew` tells which. */
  findOrInsert(suffix: number, leftWord: number): number {
    let h = pairHash(suffix, leftWord) & this.mask;
    const slots = this.slots;
    for (;;) {
      const at = slots[h];
      if (at === EMPTY) break;
      if (this.suffix[at] === suffix && this.left[at] === leftWord) {
        this.isNew = false;
        return at;
      }
      h = (h + 1) & this.mask;
    }
    const i = this.length;
    if (i === this.suffix.length) {
      this.grow();
      return this.findOrInsert(suffix, leftWord);
    }
    slots[h] = i;
    this.suffix[i] = suffix;
    this.left[i] = leftWord;
    this.length = i + 1;
    this.isNew = true;
    return i;
  }

  /** Whether the last `findOrInsert` inserted. */
  isNew = false;

  /** Index of (`suffix`, `leftWord`) or -1. */
  find(suffix: number, leftWord: number): number {
    let h = pairHash(suffix, leftWord) & this.mask;
    for (;;) {
      const at = this.slots[h];
      if (at === EMPTY) return -1;
      if (this.suffix[at] === suffix && this.left[at] === leftWord) return at;
      h = (h + 1) & this.mask;
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
    this.slots = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
    for (let i = 0; i < this.length; i++) {
      let h = pairHash(this.suffix[i], this.left[i]) & this.mask;
      while (this.slots[h] !== EMPTY) h = (h + 1) & this.mask;
      this.slots[h] = i;
    }
  }
}
