/**
 * A trie over UTF-16 code units for Unigram pieces: walking it from a position of a word lists every
 * piece that starts there with one integer hash lookup per code unit (no substring allocation).
 * Transitions live in one open-addressing table keyed by (node, code unit).
 */
export class PieceTrie {
  /** Piece id ending at each node, or -1. */
  pieceOf = new Int32Array(1 << 16).fill(-1);
  private nodes = 1;
  private keyNode = new Int32Array(1 << 17).fill(-1);
  private keyUnit = new Uint16Array(1 << 17);
  private child = new Int32Array(1 << 17);
  private mask = (1 << 17) - 1;

  /** Number of nodes (the root included); node ids are 0..size-1. */
  get size(): number {
    return this.nodes;
  }

  constructor(pieces: Iterable<readonly [string, number]> = []) {
    for (const [s, id] of pieces) this.add(s, id);
  }

  /** Adds piece `s` with id `id`. */
  add(s: string, id: number): void {
    let node = 0;
    for (let i = 0; i < s.length; i++) node = this.childOrAdd(node, s.charCodeAt(i));
    this.pieceOf[node] = id;
  }

  /** The child of `node` by `unit`, or -1. */
  next(node: number, unit: number): number {
    let h = hash(node, unit) & this.mask;
    for (;;) {
      const k = this.keyNode[h]!;
      if (k === -1) return -1;
      if (k === node && this.keyUnit[h] === unit) return this.child[h]!;
      h = (h + 1) & this.mask;
    }
  }

  /** The child of `node` by `unit`, created when missing (check `size` to know). */
  childOrAdd(node: number, unit: number): number {
    let h = hash(node, unit) & this.mask;
    for (;;) {
      const k = this.keyNode[h]!;
      if (k === -1) break;
      if (k === node && this.keyUnit[h] === unit) return this.child[h]!;
      h = (h + 1) & this.mask;
    }
    const c = this.nodes++;
    if (c === this.pieceOf.length) {
      const grown = new Int32Array(c * 2).fill(-1);
      grown.set(this.pieceOf);
      this.pieceOf = grown;
    }
    this.keyNode[h] = node;
    this.keyUnit[h] = unit;
    this.child[h] = c;
    if (this.nodes * 2 > this.mask) this.rehash();
    return c;
  }

  private rehash(): void {
    const oldNode = this.keyNode;
    const oldUnit = this.keyUnit;
    const oldChild = this.child;
    const cap = oldNode.length * 2;
    this.keyNode = new Int32Array(cap).fill(-1);
    this.keyUnit = new Uint16Array(cap);
    this.child = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oldNode.length; i++) {
      const n = oldNode[i]!;
      if (n === -1) continue;
      let h = hash(n, oldUnit[i]!) & this.mask;
      while (this.keyNode[h] !== -1) h = (h + 1) & this.mask;
      this.keyNode[h] = n;
      this.keyUnit[h] = oldUnit[i]!;
      this.child[h] = oldChild[i]!;
    }
  }
}

function hash(node: number, unit: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(unit + 0x3c6ef372, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
