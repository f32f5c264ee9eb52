/**
 * An open-addressing hash table from a pair of 32-bit ids `(prefix, word)` to a dense entry index with a
 * count: the counting kernel for one n-gram order, where `prefix` is the entry index of the n-gram's
 * first n-1 words in the table of order n-1 (a word id for bigrams). Entries keep insertion order;
 * `TrieBuilder.finalize` sorts them.
 *
 * Performance notes (Brown, 2.6M adds for orders 2+3): slots hold only `entry + 1` and the keys/counts
 * live in entry order, so the frequent n-grams (seen early, Zipf) share a few hot cache lines. Packing
 * `[prefix, word, entry, count]` into 16-byte slots was 1.3–1.5× slower, as each hit then lands in a
 * random line of a 4× larger array. A sort of packed Float64 keys costs about the same as the hash.
 */
export class PairTable {
  prefix: Uint32Array;
  word: Uint32Array;
  count: Float64Array;
  size = 0;
  private slots: Int32Array; // entry index + 1; 0 = empty
  private mask: number;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    const n = cap >>> 1;
    this.prefix = new Uint32Array(n);
    this.word = new Uint32Array(n);
    this.count = new Float64Array(n);
  }

  /** Adds one to the count of `(prefix, word)` and returns its entry index. */
  add(prefix: number, word: number): number {
    let h = hash(prefix, word) & this.mask;
    const slots = this.slots;
    for (;;) {
      const s = slots[h];
      if (s === 0) break;
      const e = s - 1;
      if (this.prefix[e] === prefix && this.word[e] === word) {
        this.count[e]++;
        return e;
      }
      h = (h + 1) & this.mask;
    }
    const e = this.size++;
    if (e >= this.prefix.length) this.growEntries();
    this.prefix[e] = prefix;
    this.word[e] = word;
    this.count[e] = 1;
    slots[h] = e + 1;
    if (this.size * 2 > slots.length) this.rehash();
    return e;
  }

  /**
   * Makes room for `n` entries in all, so that counting never rehashes: growing 4k → 4M slots
   * rehashed every entry about twice (~75 ms per Brown trigram count, load 11).
   */
  reserve(n: number): void {
    if (n > this.prefix.length) this.growEntries(n);
    if (n * 2 > this.slots.length) {
      let cap = this.slots.length;
      while (cap < n * 2) cap *= 2;
      this.rehash(cap);
    }
  }

  /** The entry index of `(prefix, word)`, or -1. */
  get(prefix: number, word: number): number {
    let h = hash(prefix, word) & this.mask;
    for (;;) {
      const s = this.slots[h];
      if (s === 0) return -1;
      const e = s - 1;
      if (this.prefix[e] === prefix && this.word[e] === word) return e;
      h = (h + 1) & this.mask;
    }
  }

  /** The entries in insertion order (views of length `size`). */
  entries(): { prefix: Uint32Array; word: Uint32Array; count: Float64Array } {
    const n = this.size;
    return { prefix: this.prefix.subarray(0, n), word: this.word.subarray(0, n), count: this.count.subarray(0, n) };
  }

  /** Bytes held by the table (for memory budgets). */
  get bytes(): number {
    return this.slots.byteLength + this.prefix.byteLength + this.word.byteLength + this.count.byteLength;
  }

  private growEntries(n = this.prefix.length * 2): void {
    const p = new Uint32Array(n);
    p.set(this.prefix.subarray(0, this.size));
    const w = new Uint32Array(n);
    w.set(this.word.subarray(0, this.size));
    const c = new Float64Array(n);
    c.set(this.count.subarray(0, this.size));
    this.prefix = p;
    this.word = w;
    this.count = c;
  }

  private rehash(cap = this.slots.length * 2): void {
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let e = 0; e < this.size; e++) {
      let h = hash(this.prefix[e], this.word[e]) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
