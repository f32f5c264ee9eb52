/**
 * `PairTable`: an open-addressing hash from a word pair (i, j) to a float64 sum, in one Float64Array
 * of (key, sum) slots side by side, so an update touches one cache line (the key i·K + j + 1 is exact
 * below 2^53; 0 marks an empty slot). It holds the sparse part of the co-occurrence matrix — pairs of
 * rare words — and grows up to a fixed number of slots; when full, its entries are taken out sorted by
 * (i, j) and the table is cleared (a spill). A `mirrored` table holds a symmetric matrix: (i, j) with
 * i ≥ j stands for X[i][j] = X[j][i], and is taken out as both.
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
    private readonly mirrored = false,
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

  /**
   * The entries sorted by (i, j) (mirrored: both (i, j) and (j, i)), as keys (i·K + j) and values; empties
   * the table. A counting sort by row, then each row sorted by column: no second hash probe per entry
   * (a sort of the keys alone needs one to find each value, a cache miss each in a big table).
   */
  drainSorted(): { keys: Float64Array; values: Float64Array } {
    const slots = this.slots;
    const mask = this.mask;
    const stride = this.stride;
    const mirrored = this.mirrored;
    // rowEnd[i + 1]: entries of row i, then (prefix sums) where row i ends.
    const rowEnd = new Float64Array(stride + 1);
    let n = 0;
    for (let s = 0; s <= mask; s++) {
      const key = slots[2 * s]!;
      if (key === 0) continue;
      const i = Math.floor((key - 1) / stride);
      const j = key - 1 - i * stride;
      rowEnd[i + 1]++;
      n++;
      if (mirrored && i !== j) {
        rowEnd[j + 1]++;
        n++;
      }
    }
    for (let r = 1; r <= stride; r++) rowEnd[r]! += rowEnd[r - 1]!;
    const at = rowEnd.slice(0, stride); // next free position per row
    const cols = new Float64Array(n);
    const vals = new Float64Array(n);
    for (let s = 0; s <= mask; s++) {
      const key = slots[2 * s]!;
      if (key === 0) continue;
      const v = slots[2 * s + 1]!;
      const i = Math.floor((key - 1) / stride);
      const j = key - 1 - i * stride;
      let p = at[i]!++;
      cols[p] = j;
      vals[p] = v;
      if (mirrored && i !== j) {
        p = at[j]!++;
        cols[p] = i;
        vals[p] = v;
      }
    }
    const keys = new Float64Array(n);
    const values = new Float64Array(n);
    let packed = new Float64Array(64);
    for (let r = 0; r < stride; r++) {
      const from = rowEnd[r]!;
      const len = rowEnd[r + 1]! - from;
      if (len === 0) continue;
      const base = r * stride;
      if (len <= 16) {
        // insertion sort of the row's (column, value) pairs
        for (let a = from + 1; a < from + len; a++) {
          const c = cols[a]!;
          const v = vals[a]!;
          let b = a - 1;
          for (; b >= from && cols[b]! > c; b--) {
            cols[b + 1] = cols[b]!;
            vals[b + 1] = vals[b]!;
          }
          cols[b + 1] = c;
          vals[b + 1] = v;
        }
        for (let a = from; a < from + len; a++) {
          keys[a] = base + cols[a]!;
          values[a] = vals[a]!;
        }
      } else {
        // column·len + position is exact (< K² < 2^53) and sorts natively; the position finds the value
        if (packed.length < len) packed = new Float64Array(Math.max(len, 2 * packed.length));
        for (let a = 0; a < len; a++) packed[a] = cols[from + a]! * len + a;
        const sorted = packed.subarray(0, len).sort();
        for (let a = 0; a < len; a++) {
          const c = Math.floor(sorted[a]! / len);
          keys[from + a] = base + c;
          values[from + a] = vals[from + sorted[a]! - c * len]!;
        }
      }
    }
    slots.fill(0);
    this.size = 0;
    return { keys, values };
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
