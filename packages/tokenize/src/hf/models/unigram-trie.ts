/**
 * A trie over the UTF-16 units of the Unigram pieces, stored as an open-addressing hash of
 * (node, unit) → child in Int32Arrays. Rust's trie walks UTF-8 bytes; since pieces and search
 * starts are whole characters, both find the same pieces in the same (shortest-first) order.
 */
export class UnigramTrie {
  private parents: Int32Array;
  private units: Int32Array;
  private children: Int32Array;
  private mask: number;
  private slotsUsed = 0;
  /** Piece id ending at each node, or -1. */
  private pieceIds: Int32Array;
  private nodeCount = 1;

  constructor(expectedNodes = 1024) {
    let capacity = 1024;
    while (capacity < expectedNodes * 2) capacity *= 2;
    this.parents = new Int32Array(capacity).fill(-1);
    this.units = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.pieceIds = new Int32Array(Math.max(16, expectedNodes)).fill(-1);
  }

  /** Adds `piece` with `id`; a later duplicate replaces the earlier id. */
  insert(piece: string, id: number): void {
    let node = 0;
    for (let i = 0; i < piece.length; i++) {
      const unit = piece.charCodeAt(i);
      let child = this.child(node, unit);
      if (child < 0) child = this.addChild(node, unit);
      node = child;
    }
    if (node !== 0) this.pieceIds[node] = id;
  }

  /**
   * Calls `found(id, end)` for every piece that starts at `start` in `text`, shortest first
   * (`end` is the UTF-16 index after the piece).
   */
  forEachPrefix(text: string, start: number, found: (id: number, end: number) => void): void {
    let node = 0;
    for (let i = start; i < text.length; i++) {
      node = this.child(node, text.charCodeAt(i));
      if (node < 0) return;
      const id = this.pieceIds[node]!;
      if (id >= 0) found(id, i + 1);
    }
  }

  /** Walks one unit down from `node`: the child node, or -1. */
  child(node: number, unit: number): number {
    let slot = hash(node, unit) & this.mask;
    for (;;) {
      const parent = this.parents[slot]!;
      if (parent === -1) return -1;
      if (parent === node && this.units[slot] === unit) return this.children[slot]!;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The piece id ending at `node`, or -1. */
  pieceAt(node: number): number {
    return this.pieceIds[node]!;
  }

  private addChild(node: number, unit: number): number {
    if ((this.slotsUsed + 1) * 2 > this.parents.length) this.rehash();
    const child = this.nodeCount++;
    if (child >= this.pieceIds.length) {
      const grown = new Int32Array(this.pieceIds.length * 2).fill(-1);
      grown.set(this.pieceIds);
      this.pieceIds = grown;
    }
    this.place(node, unit, child);
    this.slotsUsed++;
    return child;
  }

  private place(node: number, unit: number, child: number): void {
    let slot = hash(node, unit) & this.mask;
    while (this.parents[slot] !== -1) slot = (slot + 1) & this.mask;
    this.parents[slot] = node;
    this.units[slot] = unit;
    this.children[slot] = child;
  }

  private rehash(): void {
    const { parents, units, children } = this;
    const capacity = parents.length * 2;
    this.parents = new Int32Array(capacity).fill(-1);
    this.units = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < parents.length; s++) {
      if (parents[s] !== -1) this.place(parents[s]!, units[s]!, children[s]!);
    }
  }
}

function hash(node: number, unit: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(unit + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 16;
  return Math.imul(h, 0x7feb352d) ^ (h >>> 15);
}
