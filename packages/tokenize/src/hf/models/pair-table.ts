/**
 * The BPE merge table: (left id, right id) → (rank, merged id), as an open-addressing hash over
 * Int32Arrays so the merge loop never builds string or object keys.
 */
export class PairTable {
  private readonly lefts: Int32Array;
  private readonly rights: Int32Array;
  /** rank and merged id of the pair in each slot. */
  readonly ranks: Int32Array;
  readonly mergedIds: Int32Array;
  private readonly mask: number;
  size = 0;

  constructor(expectedPairs: number) {
    let capacity = 16;
    while (capacity < expectedPairs * 2) capacity *= 2;
    this.lefts = new Int32Array(capacity).fill(-1);
    this.rights = new Int32Array(capacity);
    this.ranks = new Int32Array(capacity);
    this.mergedIds = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Adds or overwrites a pair (a later duplicate merge replaces the earlier one, as in Rust's map). */
  set(left: number, right: number, rank: number, mergedId: number): void {
    let slot = hash(left, right) & this.mask;
    while (this.lefts[slot] !== -1 && (this.lefts[slot] !== left || this.rights[slot] !== right)) {
      slot = (slot + 1) & this.mask;
    }
    if (this.lefts[slot] === -1) this.size++;
    this.lefts[slot] = left;
    this.rights[slot] = right;
    this.ranks[slot] = rank;
    this.mergedIds[slot] = mergedId;
  }

  /** The slot of the pair, or -1 when the pair never merges. */
  find(left: number, right: number): number {
    const lefts = this.lefts;
    let slot = hash(left, right) & this.mask;
    for (;;) {
      const l = lefts[slot]!;
      if (l === left && this.rights[slot] === right) return slot;
      if (l === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

function hash(left: number, right: number): number {
  const h = Math.imul(left ^ Math.imul(right, 0x85ebca77), 0x9e3779b1);
  return h ^ (h >>> 15);
}
