/**
 * `NgramTable`: the n-grams of one order in typed arrays, as KenLM's probing structure does it. An
 * n-gram w1..wm is stored as (its suffix w2..wm's index in the order below, its first word w1), so a
 * lookup that extends a match one word to the left is one hash probe on two integers; unigrams are
 * indexed by word id directly. Probabilities and backoffs are float32 log10 values, like KenLM's.
 *
 * Layout, for cache misses (a query is a chain of random probes into tables of millions of entries):
 * - each entry's four fields are interleaved in one 16-byte record (suffix, first word, prob, backoff —
 *   KenLM's probing entry), and each hash slot holds the entry index beside the key's 32-bit hash, so a
 *   probe touches one slot line and, on a hash match, the one record line that also has the values;
 * - the hash is of the n-gram's *words* (`pairHash` folded from the last word leftwards, as KenLM hashes
 *   word ids), not of the suffix's index: a scorer computes the hashes of all orders from the word ids
 *   alone, so the probes of the bigram, trigram, … do not wait for each other and their cache misses
 *   overlap. The suffix index in the record is still compared, so a lookup is exact (no 64-bit-hash
 *   gamble as KenLM's).
 * (Separate suffix/left/prob/backoff arrays behind slots of indices hashed by the suffix index cost five
 * dependent misses per found n-gram; see BENCHMARKS.md for `lm query`'s rate.)
 */
import { pairHash } from './pair-hash.js';

/** Int32 words per record: suffix, first word, prob bits, backoff bits. */
const REC = 4;

export class NgramTable {
  /** Records: `data[4i]` suffix index, `data[4i+1]` first word; `values[4i+2]` log10 prob, `values[4i+3]` backoff. */
  readonly data: Int32Array;
  /** Float32 view of `data`'s buffer (the prob and backoff fields). */
  readonly values: Float32Array;
  /**
   * Open addressing, two Int32 per slot: entry index + 1 (0 = empty) and the key's `pairHash`; at most
   * half full.
   */
  private slots: Int32Array;
  private mask: number;
  private size = 0;
  /** Entries [0, indexed) are in the hash; `push` appends without hashing, `find` catches up lazily. */
  private indexed = 0;
  /** The words-hash of entries [0, hashed) (orders above 1; made lazily, for the order above's keys). */
  private hashes = new Int32Array(0);
  private hashed = 0;

  /** `lower` is the table of order - 1 (required from order 3 on: the keys fold in its entries' hashes). */
  constructor(
    readonly order: number,
    readonly capacity: number,
    readonly lower?: NgramTable,
  ) {
    if (order >= 3 && lower?.order !== order - 1) throw new RangeError(`NgramTable of order ${order} needs the table of order ${order - 1}`);
    this.data = new Int32Array(Math.max(capacity, 1) * REC);
    this.values = new Float32Array(this.data.buffer);
    // Load factor at most 1/2 keeps probe chains short (KenLM's default is 1.5 slots per entry).
    let slots = 2;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(0);
    this.mask = slots - 1;
  }

  /** Index of the suffix (m-1)-gram of entry `i` (0 for unigrams). */
  suffix(i: number): number {
    return this.data[i * REC];
  }

  /** First (leftmost) word of entry `i`; for unigrams, the word itself. */
  left(i: number): number {
    return this.data[i * REC + 1];
  }

  /** log10 probability of entry `i`. */
  prob(i: number): number {
    return this.values[i * REC + 2];
  }

  /** log10 backoff of entry `i` (-0 when no longer n-gram extends it; 0 for the highest order). */
  backoff(i: number): number {
    return this.values[i * REC + 3];
  }

  setBackoff(i: number, backoff: number): void {
    this.values[i * REC + 3] = backoff;
  }

  /**
   * The words-hash of entry `i`: the word id for unigrams, else `pairHash(lower's hash of the suffix,
   * first word)`. A scorer folds it the same way: `h1 = w`, `h2 = pairHash(h1, context[0])`, ….
   */
  hashOf(i: number): number {
    if (this.order === 1) return i;
    if (i >= this.hashed) this.ensureHashes();
    return this.hashes[i];
  }

  private ensureHashes(): void {
    if (this.hashes.length === 0) this.hashes = new Int32Array(Math.max(this.capacity, 1));
    const { data, hashes, lower } = this;
    for (let i = this.hashed; i < this.size; i++) {
      const s = data[i * REC];
      hashes[i] = pairHash(lower === undefined || lower.order === 1 ? s : lower.hashOf(s), data[i * REC + 1]);
    }
    this.hashed = this.size;
  }

  /** The key hash of the n-gram `leftWord` + suffix entry `suffix`. */
  private keyHash(suffix: number, leftWord: number): number {
    const lower = this.lower;
    return pairHash(lower === undefined || lower.order === 1 ? suffix : lower.hashOf(suffix), leftWord);
  }

  /** Allocates the hash on first use (orders above 1 only), so tables that are only written never pay for it. */
  private ensureIndex(): void {
    if (this.slots.length === 0) this.slots = new Int32Array((this.mask + 1) * 2);
    if (this.hashed < this.size) this.ensureHashes();
    const slots = this.slots;
    const mask = this.mask;
    for (let i = this.indexed; i < this.size; i++) {
      const hash = this.hashes[i];
      let h = hash & mask;
      while (slots[2 * h] !== 0) h = (h + 1) & mask;
      slots[2 * h] = i + 1;
      slots[2 * h + 1] = hash;
    }
    this.indexed = this.size;
  }

  private put(i: number, suffix: number, leftWord: number, prob: number, backoff: number): void {
    const r = i * REC;
    this.data[r] = suffix;
    this.data[r + 1] = leftWord;
    this.values[r + 2] = prob;
    this.values[r + 3] = backoff;
    this.size = i + 1;
  }

  /**
   * Appends an n-gram known not to be there yet (an estimator's output), without hashing it now;
   * returns its index.
   */
  push(suffix: number, leftWord: number, prob: number, backoff: number): number {
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    this.put(i, suffix, leftWord, prob, backoff);
    return i;
  }

  /**
   * Writes entry `i` (below `capacity`), for a builder that fills the entries out of order: every index
   * below the final length must be set before the first lookup. Returns `i`.
   */
  set(i: number, suffix: number, leftWord: number, prob: number, backoff: number): number {
    if (i >= this.capacity || i < 0) throw new RangeError(`NgramTable of order ${this.order}: index ${i} outside 0..${this.capacity - 1}`);
    const size = this.size;
    this.put(i, suffix, leftWord, prob, backoff);
    if (size > i) this.size = size;
    return i;
  }

  /** Number of entries added so far. */
  get length(): number {
    return this.size;
  }

  /**
   * Adds the n-gram (`leftWord`, suffix entry `suffix`) and returns its index, or -1 when it is already
   * there. Unigrams are added with `suffix` 0 and must come in word-id order.
   */
  add(suffix: number, leftWord: number, prob: number, backoff: number): number {
    return this.addHashed(this.order > 1 ? this.keyHash(suffix, leftWord) : 0, suffix, leftWord, prob, backoff);
  }

  /** `add` with the key's words-hash given (see `findHashed`). */
  addHashed(hash: number, suffix: number, leftWord: number, prob: number, backoff: number): number {
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    if (this.order > 1) {
      // One probe sequence both checks for a duplicate and finds the free slot.
      if (this.indexed < this.size || this.slots.length === 0) this.ensureIndex();
      const { slots, mask, data } = this;
      let h = hash & mask;
      for (let at = slots[2 * h] - 1; at >= 0; at = slots[2 * h] - 1) {
        if (slots[2 * h + 1] === hash && data[at * REC] === suffix && data[at * REC + 1] === leftWord) return -1;
        h = (h + 1) & mask;
      }
      slots[2 * h] = i + 1;
      slots[2 * h + 1] = hash;
      this.indexed = i + 1;
      if (this.hashed === i) {
        if (this.hashes.length === 0) this.hashes = new Int32Array(Math.max(this.capacity, 1));
        this.hashes[i] = hash;
        this.hashed = i + 1;
      }
    }
    this.put(i, suffix, leftWord, prob, backoff);
    return i;
  }

  /** Index of the n-gram `leftWord` + suffix entry `suffix`, or -1. Orders above 1 only. */
  find(suffix: number, leftWord: number): number {
    return this.findHashed(this.keyHash(suffix, leftWord), suffix, leftWord);
  }

  /**
   * `find` with the key's words-hash given (`pairHash(hash of the suffix's words, leftWord)`, see
   * `hashOf`): the probe's address then does not depend on `suffix`, only the final comparison does.
   */
  findHashed(hash: number, suffix: number, leftWord: number): number {
    if (this.indexed < this.size || this.slots.length === 0) this.ensureIndex();
    const { slots, mask, data } = this;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const at = slots[2 * h] - 1;
      if (at < 0) return -1;
      if (slots[2 * h + 1] === hash && data[at * REC] === suffix && data[at * REC + 1] === leftWord) return at;
    }
  }
}
