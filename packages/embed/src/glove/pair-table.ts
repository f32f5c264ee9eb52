/**
 * `PairTable`: an open-addressing hash from a word pair (i, j) to a float64 sum, in one Float64Array
 * of (key, sum) slots side by side, so an update touches one cache line (the key i·K + j + 1 is exact
 * below 2^53; 0 marks an empty slot). It holds the sparse part of the co-occurrence matrix — pairs of
 * rare words — and grows up to a fixed number of slots; when full, its entries are taken out sorted by
 * (i, j) and the table is cleared (a spill).
 */
export class PairTable {
  /** slots[2s] = key, slots[2s + 1] = sum. */
  private slots: Float64Array;
  private mask: number;
  /** Entries held. */
  size = 0;

  /**
   * Starts small and doubles up to `maxSlots` (a power of two; 16 bytes a slot), so memory follows the
   * pairs actually seen; `stride` K > every j.
   */
  constructor(
    private readonly maxSlots: number,
    private readonly stride: number,
  ) {
    const n = Math.min(maxSlots, 1 << 16);
    this.slots = new Float64Array(2 * n);
    this.mask = n - 1;
  }

  /** At most half the slots are used (linear probing stays short); true when at the cap: spill. */
  get full(): boolean {
    const n = this.mask + 1;
    if (this.size * 2 < n) return false;
    if (n >= this.maxSlots) return true;
    this.grow();
    return false;
  }

  add(i: number, j: number, w: number): void {
    const key = i * this.stride + j + 1;
    const slots = this.slots;
    const mask = this.mask;
    for (let s = slotHash(i, j) & mask; ; s = (s + 1) & mask) {
      const k = slots[2 * s]!;
      if (k === key) {
        slots[2 * s + 1]! += w;
        return;
      }
      if (k === 0) {
        slots[2 * s] = key;
        slots[2 * s + 1] = w;
        this.size++;
        return;
      }
    }
  }

  /** The entries sorted by (i, j), as keys (i·K + j) and values; empties the table. */
  drainSorted(): { keys: Float64Array; values: Float64Array } {
    const n = this.size;
    const slots = this.slots;
    const mask = this.mask;
    const order = new Float64Array(n);
    let m = 0;
    for (let s = 0; s <= mask; s++) if (slots[2 * s] !== 0) order[m++] = slots[2 * s]!;
    order.sort(); // numeric for typed arrays, and far faster than sorting slots with a comparator
    const values = new Float64Array(n);
    const stride = this.stride;
    for (let a = 0; a < n; a++) {
      const key = order[a]!;
      const i = Math.floor((key - 1) / stride);
      let s = slotHash(i, key - 1 - i * stride) & mask;
      while (slots[2 * s] !== key) s = (s + 1) & mask;
      values[a] = slots[2 * s + 1]!;
      order[a] = key - 1;
    }
    slots.fill(0);
    this.size = 0;
    return { keys: order, values };
  }

  private grow(): void {
    const old = this.slots;
    const n = 2 * (this.mask + 1);
    const slots = new Float64Array(2 * n);
    const mask = n - 1;
    const stride = this.stride;
    for (let s = 0; s < old.length; s += 2) {
      const key = old[s]!;
      if (key === 0) continue;
      const i = Math.floor((key - 1) / stride);
      let t = slotHash(i, key - 1 - i * stride) & mask;
      while (slots[2 * t] !== 0) t = (t + 1) & mask;
      slots[2 * t] = key;
      slots[2 * t + 1] = old[s + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function slotHash(i: number, j: number): number {
  let h = Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
