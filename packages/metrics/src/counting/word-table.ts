/**
 * Words (spans of UTF-16 code units) to dense integer ids 0, 1, 2, …, without creating a string per
 * word: open addressing on an FNV-1a hash of the code units, every hit verified by comparing the code
 * units with the word's copy in a pool, so two spans get the same id exactly when they are equal.
 * Replacing a Map<string, number> (which needed one substring per token) cut BLEU's word-id time by
 * about 3x on the WMT17 bench.
 */
import { EMPTY, doubledSlots } from './slots.js';

export class WordTable {
  /**
   * Per slot: [hash, id, pool offset, length] (id -1 = empty): one cache line holds all a probe
   * needs before the pool, which matters since a 40k-word table is larger than L2.
   */
  private slots: Int32Array;
  private mask: number;
  private pool = new Uint16Array(1 << 16);
  private poolUsed = 0;
  /** The number of ids handed out. */
  size = 0;
  /** Incremented whenever the ids are forgotten (so caches of ids know to drop theirs). */
  epoch = 0;

  constructor(capacity = 1 << 12) {
    this.slots = new Int32Array(4 * capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  /** Forget every word once the table holds many (call between segments only: ids change). */
  maybeReset(maxChars = 1 << 22): void {
    if (this.poolUsed > maxChars) {
      this.slots.fill(EMPTY);
      this.size = 0;
      this.poolUsed = 0;
      this.epoch++;
    }
  }

  /**
   * The id of the word cu[start .. end); with `insert` a new word gets the next id, without it the
   * result is -1 (a reference word the hypothesis lacks cannot match, so it needs no id).
   */
  id(cu: Uint16Array, start: number, end: number, insert: boolean): number {
    const len = end - start;
    let h = 0x811c9dc5 ^ len;
    for (let i = start; i < end; i++) h = Math.imul(h ^ cu[i], 0x01000193);
    h ^= h >>> 15;
    const slots = this.slots;
    const pool = this.pool;
    const mask = this.mask;
    let s = h & mask;
    probe: for (;; s = (s + 1) & mask) {
      const k = 4 * s;
      const id = slots[k + 1];
      if (id === EMPTY) break;
      if (slots[k] !== h || slots[k + 3] !== len) continue;
      const p = slots[k + 2] - start;
      for (let i = start; i < end; i++) if (pool[p + i] !== cu[i]) continue probe;
      return id;
    }
    if (!insert) return -1;
    return this.add(s, h, cu, start, len);
  }

  private add(slot: number, h: number, cu: Uint16Array, start: number, len: number): number {
    const id = this.size++;
    if (this.poolUsed + len > this.pool.length) {
      const p = new Uint16Array(2 * Math.max(this.pool.length, this.poolUsed + len));
      p.set(this.pool.subarray(0, this.poolUsed));
      this.pool = p;
    }
    this.pool.set(cu.subarray(start, start + len), this.poolUsed);
    const k = 4 * slot;
    this.slots[k] = h;
    this.slots[k + 1] = id;
    this.slots[k + 2] = this.poolUsed;
    this.slots[k + 3] = len;
    this.poolUsed += len;
    if (2 * this.size > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    this.slots = doubledSlots(this.slots, 1);
    this.mask = this.slots.length / 4 - 1;
  }
}
