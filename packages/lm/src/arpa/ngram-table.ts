/**
 * `NgramTable`: the n-grams of one order in typed arrays, as KenLM's probing structure does it. An
 * n-gram w1..wm is stored as (its suffix w2..wm's index in the order below, its first word w1), so a
 * lookup that extends a match one word to the left is one hash probe on two integers; unigrams are
 * indexed by word id directly. Probabilities and backoffs are float32 log10 values, like KenLM's.
 */
import { pairHash } from './pair-hash.js';

export class NgramTable {
  /** Index of the suffix (m-1)-gram of each entry (unused for unigrams). */
  readonly suffix: Uint32Array;
  /** First (leftmost) word of each entry; for unigrams, the word itself. */
  readonly left: Uint32Array;
  readonly prob: Float32Array;
  /** Backoff of each entry; all zeros for the highest order. */
  readonly backoff: Float32Array;
  /**
   * Open addressing: entry index + 1 per slot (0 = empty), at most half full. (Slots holding the keys
   * too, one cache line per probe, measured no faster here and took 4× the memory; so did the key's
   * hash beside the index, 2×.)
   */
  private slots: Int32Array;
  private mask: number;
  private size = 0;
  /** Entries [0, indexed) are in the hash; `push` appends without hashing, `find` catches up lazily. */
  private indexed = 0;

  constructor(
    readonly order: number,
    readonly capacity: number,
  ) {
    this.suffix = new Uint32Array(capacity);
    this.left = new Uint32Array(capacity);
    this.prob = new Float32Array(capacity);
    this.backoff = new Float32Array(capacity);
    // Load factor at most 1/2 keeps probe chains short (KenLM's default is 1.5 slots per entry).
    let slots = 2;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(0);
    this.mask = slots - 1;
  }

  /** Allocates the hash on first use (orders above 1 only), so tables that are only written never pay for it. */
  private ensureIndex(): void {
    if (this.slots.length === 0) this.slots = new Int32Array(this.mask + 1);
    for (let i = this.indexed; i < this.size; i++) this.place(i);
    this.indexed = this.size;
  }

  private place(i: number): void {
    const slots = this.slots;
    let h = pairHash(this.suffix[i], this.left[i]) & this.mask;
    while (slots[h] !== 0) h = (h + 1) & this.mask;
    slots[h] = i + 1;
  }

  /**
   * Appends an n-gram known not to be there yet (an estimator's output), without hashing it now;
   * returns its index.
   */
  push(suffix: number, leftWord: number, prob: number, backoff: number): number {
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    this.suffix[i] = suffix;
    this.left[i] = leftWord;
    this.prob[i] = prob;
    this.backoff[i] = backoff;
    this.size = i + 1;
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
    const i = this.size;
    if (i >= this.capacity) throw new RangeError(`NgramTable of order ${this.order} is full (${this.capacity} entries)`);
    if (this.order > 1) {
      // One probe sequence both checks for a duplicate and finds the free slot.
      if (this.indexed < this.size || this.slots.length === 0) this.ensureIndex();
      const slots = this.slots;
      const mask = this.mask;
      let h = pairHash(suffix, leftWord) & mask;
      for (let at = slots[h] - 1; at >= 0; at = slots[h] - 1) {
        if (this.suffix[at] === suffix && this.left[at] === leftWord) return -1;
        h = (h + 1) & mask;
      }
      slots[h] = i + 1;
      this.indexed = i + 1;
    }
    this.suffix[i] = suffix;
    this.left[i] = leftWord;
    this.prob[i] = prob;
    this.backoff[i] = backoff;
    this.size = i + 1;
    return i;
  }

  /** Index of the n-gram `leftWord` + suffix entry `suffix`, or -1. Orders above 1 only. */
  find(suffix: number, leftWord: number): number {
    if (this.indexed < this.size || this.slots.length === 0) this.ensureIndex();
    const slots = this.slots;
    const mask = this.mask;
    const suffixes = this.suffix;
    const lefts = this.left;
    for (let h = pairHash(suffix, leftWord) & mask; ; h = (h + 1) & mask) {
      const at = slots[h] - 1;
      if (at < 0) return -1;
      if (suffixes[at] === suffix && lefts[at] === leftWord) return at;
    }
  }
}
