/**
 * One word being merged by BPE: its symbols (id, UTF-16 span, UTF-8 length) in reusable typed
 * arrays, merged in Rust's order — always the lowest-ranked adjacent pair, the leftmost on ties.
 * Short words use a linear scan; long words (and dropout) use Rust's own algorithm, a linked list
 * and a min-heap on (rank, position) whose stale entries are skipped.
 */
import type { PairTable } from './pair-table.js';

/** rank * POSITION_SPAN + position is the heap key: lowest rank first, then leftmost (exact in a double for words under 2^26 symbols and 2^27 merges). */
const POSITION_SPAN = 2 ** 26;
/** Words of at most this many symbols are merged by linear scan. */
const LINEAR_SCAN_MAX = 64;
const NO_MERGE = 0x7fffffff;

export class BpeWord {
  length = 0;
  ids: Int32Array = new Int32Array(64);
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  /** Rust's `len` of each symbol, in UTF-8 bytes; its offsets are the running sum of these. */
  byteLengths: Int32Array = new Int32Array(64);
  private prev: Int32Array = new Int32Array(64);
  private next: Int32Array = new Int32Array(64);
  private alive = new Uint8Array(64);
  private heapKeys = new Float64Array(64);
  private heapMergedIds: Int32Array = new Int32Array(64);
  private heapSize = 0;
  private readonly scanRanks = new Int32Array(LINEAR_SCAN_MAX);
  private readonly scanMergedIds = new Int32Array(LINEAR_SCAN_MAX);

  reset(): void {
    this.length = 0;
  }

  add(id: number, start: number, end: number, byteLength: number): void {
    const i = this.length;
    if (i === this.ids.length) this.grow();
    this.ids[i] = id;
    this.starts[i] = start;
    this.ends[i] = end;
    this.byteLengths[i] = byteLength;
    this.length = i + 1;
  }

  /**
   * Applies every possible merge, lowest rank first (leftmost on ties). Short words (the vast
   * majority) use a linear scan over an array of pair ranks, which picks the same merges as Rust's
   * heap: both always apply the lowest-ranked pair present, leftmost first.
   */
  merge(table: PairTable, dropout: number, random: () => number): void {
    if (dropout === 0 && this.length <= LINEAR_SCAN_MAX) this.mergeByScan(table);
    else this.mergeAll(table, dropout, random);
  }

  private mergeByScan(table: PairTable): void {
    let n = this.length;
    if (n < 2) {
      this.next[0] = -1;
      return;
    }
    const { ids, starts, ends, byteLengths, next } = this;
    const ranks = this.scanRanks;
    const merged = this.scanMergedIds;
    for (let i = 0; i + 1 < n; i++) this.scanPair(table, i);
    for (;;) {
      let best = -1;
      let bestRank = NO_MERGE;
      for (let i = 0; i + 1 < n; i++) {
        if (ranks[i]! < bestRank) {
          bestRank = ranks[i]!;
          best = i;
        }
      }
      if (best < 0) break;
      ids[best] = merged[best]!;
      ends[best] = ends[best + 1]!;
      byteLengths[best] = byteLengths[best]! + byteLengths[best + 1]!;
      // Plain loops: copyWithin's call overhead dominates on these few elements.
      for (let i = best + 1; i + 1 < n; i++) {
        ids[i] = ids[i + 1]!;
        starts[i] = starts[i + 1]!;
        ends[i] = ends[i + 1]!;
        byteLengths[i] = byteLengths[i + 1]!;
        ranks[i] = ranks[i + 1]!;
        merged[i] = merged[i + 1]!;
      }
      n--;
      if (best > 0) this.scanPair(table, best - 1);
      if (best + 1 < n) this.scanPair(table, best);
      else ranks[best] = NO_MERGE;
    }
    this.length = n;
    for (let i = 0; i < n; i++) next[i] = i + 1;
    next[n - 1] = -1;
  }

  private scanPair(table: PairTable, i: number): void {
    const slot = table.find(this.ids[i]!, this.ids[i + 1]!);
    if (slot < 0) {
      this.scanRanks[i] = NO_MERGE;
    } else {
      this.scanRanks[i] = table.ranks[slot]!;
      this.scanMergedIds[i] = table.mergedIds[slot]!;
    }
  }

  /**
   * Rust's algorithm: a heap of (rank, position) entries, skipping stale ones. With dropout each popped
   * merge is skipped with that probability; skipped merges go back into the queue once a merge is
   * accepted, exactly as Rust does.
   */
  private mergeAll(table: PairTable, dropout: number, random: () => number): void {
    const n = this.length;
    if (n < 2) {
      this.next[0] = -1;
      return;
    }
    const { ids, ends, byteLengths, prev, next, alive } = this;
    for (let i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1;
      alive[i] = 1;
    }
    next[n - 1] = -1;
    this.heapSize = 0;
    for (let i = 0; i + 1 < n; i++) {
      const slot = table.find(ids[i]!, ids[i + 1]!);
      if (slot >= 0) this.push(table.ranks[slot]!, i, table.mergedIds[slot]!);
    }
    let skippedKeys: number[] | null = null;
    let skippedIds: number[] | null = null;
    while (this.heapSize > 0) {
      const key = this.heapKeys[0]!;
      const mergedId = this.heapMergedIds[0]!;
      this.pop();
      if (dropout > 0 && random() < dropout) {
        (skippedKeys ??= []).push(key);
        (skippedIds ??= []).push(mergedId);
        continue;
      }
      if (skippedKeys !== null && skippedKeys.length > 0) {
        for (let k = 0; k < skippedKeys.length; k++) this.pushKey(skippedKeys[k]!, skippedIds![k]!);
        skippedKeys.length = 0;
        skippedIds!.length = 0;
      }
      const pos = key % POSITION_SPAN;
      if (alive[pos] === 0) continue;
      const right = next[pos]!;
      if (right === -1) continue;
      // The entry is stale when the pair now at `pos` does not produce the same merged id.
      const current = table.find(ids[pos]!, ids[right]!);
      if (current < 0 || table.mergedIds[current] !== mergedId) continue;

      ids[pos] = mergedId;
      ends[pos] = ends[right]!;
      byteLengths[pos] = byteLengths[pos]! + byteLengths[right]!;
      const after = next[right]!;
      next[pos] = after;
      alive[right] = 0;
      if (after !== -1) prev[after] = pos;

      const before = prev[pos]!;
      if (before >= 0) {
        const slot = table.find(ids[before]!, mergedId);
        if (slot >= 0) this.push(table.ranks[slot]!, before, table.mergedIds[slot]!);
      }
      if (after !== -1) {
        const slot = table.find(mergedId, ids[after]!);
        if (slot >= 0) this.push(table.ranks[slot]!, pos, table.mergedIds[slot]!);
      }
    }
  }

  /**
   * The symbol after `i` in the merged word, or -1. The first symbol is always index 0: a merge
   * keeps the left symbol's slot and retires the right one.
   */
  following(i: number): number {
    return this.next[i]!;
  }

  private push(rank: number, pos: number, mergedId: number): void {
    this.pushKey(rank * POSITION_SPAN + pos, mergedId);
  }

  private pushKey(key: number, mergedId: number): void {
    if (this.heapSize === this.heapKeys.length) this.growHeap();
    const keys = this.heapKeys;
    const merged = this.heapMergedIds;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      merged[i] = merged[parent]!;
      i = parent;
    }
    keys[i] = key;
    merged[i] = mergedId;
  }

  private pop(): void {
    const keys = this.heapKeys;
    const merged = this.heapMergedIds;
    const size = --this.heapSize;
    if (size === 0) return;
    const key = keys[size]!;
    const mergedId = merged[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      merged[i] = merged[child]!;
      i = child;
    }
    keys[i] = key;
    merged[i] = mergedId;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    this.ids = growInt32(this.ids, n);
    this.starts = growInt32(this.starts, n);
    this.ends = growInt32(this.ends, n);
    this.byteLengths = growInt32(this.byteLengths, n);
    this.prev = growInt32(this.prev, n);
    this.next = growInt32(this.next, n);
    const alive = new Uint8Array(n);
    alive.set(this.alive);
    this.alive = alive;
  }

  private growHeap(): void {
    const n = this.heapKeys.length * 2;
    const keys = new Float64Array(n);
    keys.set(this.heapKeys);
    this.heapKeys = keys;
    this.heapMergedIds = growInt32(this.heapMergedIds, n);
  }
}

function growInt32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
