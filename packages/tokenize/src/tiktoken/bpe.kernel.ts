/**
 * Byte-pair merging of one pre-tokenized piece into ranks, with tiktoken's exact rule: repeatedly
 * merge the adjacent pair whose concatenation has the lowest rank, the leftmost one on ties.
 *
 * Two implementations of that one rule, chosen by piece length as tiktoken does:
 * - short pieces (the vast majority): a flat array of part starts, scanned for the minimum after each
 *   merge. O(n·m), but n is small and the arrays stay in cache.
 * - long pieces (≥ LARGE_PIECE bytes, e.g. 1 MB of one repeated character): a linked list of parts and
 *   a binary heap of candidate merges with lazy invalidation, O(n log n), so no input is quadratic.
 * Scratch arrays are owned by a `BpeScratch` and reused, so merging short pieces allocates nothing
 * (long ones allocate only the heap helpers' closures, once per piece).
 */
import type { RankTable } from './rank-table.js';

/** Pieces of at least this many bytes use the heap-based merge. Measured: the flat scan wins below ~100 bytes. */
export const LARGE_PIECE = 100;

const NO_RANK = 0x7fffffff;

/** Reusable work arrays for merging; grows to the longest piece seen. */
export class BpeScratch {
  starts = new Int32Array(256);
  ranks = new Int32Array(256);
  // heap-based merge
  next = new Int32Array(0);
  prev = new Int32Array(0);
  pairRank = new Int32Array(0);
  heapRank = new Int32Array(0);
  heapPos = new Int32Array(0);

  ensureSmall(n: number): void {
    if (this.starts.length < n + 1) {
      this.starts = new Int32Array(n + 1);
      this.ranks = new Int32Array(n + 1);
    }
  }

  ensureLarge(n: number): void {
    if (this.next.length < n + 1) {
      const size = Math.max(n + 1, this.next.length * 2);
      this.next = new Int32Array(size);
      this.prev = new Int32Array(size);
      this.pairRank = new Int32Array(size);
      this.heapRank = new Int32Array(size * 2);
      this.heapPos = new Int32Array(size * 2);
    }
  }
}

/**
 * Appends the ranks of `buf[start..end)` to `out` from index `outLen`; returns the new length.
 * `out` must have room for `end - start` more entries.
 */
export function bytePairEncode(
  table: RankTable,
  buf: Uint8Array,
  start: number,
  end: number,
  scratch: BpeScratch,
  out: Uint32Array,
  outLen: number,
): number {
  const n = end - start;
  if (n === 1) {
    out[outLen] = table.lookup(buf, start, end);
    return outLen + 1;
  }
  if (n < LARGE_PIECE) return mergeSmall(table, buf, start, n, scratch, out, outLen);
  return mergeLarge(table, buf, start, n, scratch, out, outLen);
}

function mergeSmall(
  table: RankTable,
  buf: Uint8Array,
  base: number,
  n: number,
  scratch: BpeScratch,
  out: Uint32Array,
  outLen: number,
): number {
  scratch.ensureSmall(n);
  const starts = scratch.starts;
  const ranks = scratch.ranks;
  // Parts are starts[0..count); ranks[i] is the rank of the merge of parts i and i+1.
  for (let i = 0; i < n - 1; i++) {
    starts[i] = base + i;
    const r = table.lookup(buf, base + i, base + i + 2);
    ranks[i] = r < 0 ? NO_RANK : r;
  }
  starts[n - 1] = base + n - 1;
  ranks[n - 1] = NO_RANK;
  starts[n] = base + n;
  let count = n; // number of parts; starts[count] is the end sentinel
  for (;;) {
    let minRank = NO_RANK;
    let i = -1;
    for (let k = 0; k < count - 1; k++) {
      if (ranks[k] < minRank) {
        minRank = ranks[k];
        i = k;
      }
    }
    if (i < 0) break;
    // Merge parts i and i+1: drop start i+1, then re-rank the pairs that now end/start at i.
    starts.copyWithin(i + 1, i + 2, count + 1);
    ranks.copyWithin(i + 1, i + 2, count);
    count--;
    ranks[i] = pairRankSmall(table, buf, starts, count, i);
    if (i > 0) ranks[i - 1] = pairRankSmall(table, buf, starts, count, i - 1);
  }
  for (let k = 0; k < count; k++) out[outLen++] = table.lookup(buf, starts[k], starts[k + 1]);
  return outLen;
}

function pairRankSmall(table: RankTable, buf: Uint8Array, starts: Int32Array, count: number, i: number): number {
  if (i + 1 >= count) return NO_RANK;
  const r = table.lookup(buf, starts[i], starts[i + 2]);
  return r < 0 ? NO_RANK : r;
}

/**
 * Heap-based merge for long pieces. The heap holds candidate merges as (rank, part start) in two
 * parallel Int32Arrays, ordered by rank, then start (leftmost first); entries whose part has changed
 * since they were pushed are skipped when popped (lazy invalidation).
 */
function mergeLarge(
  table: RankTable,
  buf: Uint8Array,
  base: number,
  n: number,
  scratch: BpeScratch,
  out: Uint32Array,
  outLen: number,
): number {
  scratch.ensureLarge(n);
  const next = scratch.next; // next[i]: start of the part after the part starting at i (n = end)
  const prev = scratch.prev;
  const pairRank = scratch.pairRank; // rank of merging part i with its successor, NO_RANK if none
  const heapRank = scratch.heapRank;
  const heapPos = scratch.heapPos;
  let size = 0;

  // No growth check: the heap starts with n - 1 entries and each merge pops one and pushes at most
  // two, so it never holds more than 2n - 2; ensureLarge gave it room for 2n + 2.
  const push = (rank: number, pos: number): void => {
    let k = size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const pr = heapRank[parent];
      if (pr < rank || (pr === rank && heapPos[parent] < pos)) break;
      heapRank[k] = pr;
      heapPos[k] = heapPos[parent];
      k = parent;
    }
    heapRank[k] = rank;
    heapPos[k] = pos;
  };
  // Removes the top entry (the caller has read it).
  const popTop = (): void => {
    const lastRank = heapRank[--size];
    const lastPos = heapPos[size];
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= size) break;
      if (child + 1 < size) {
        const a = heapRank[child + 1];
        const b = heapRank[child];
        if (a < b || (a === b && heapPos[child + 1] < heapPos[child])) child++;
      }
      const cr = heapRank[child];
      if (cr > lastRank || (cr === lastRank && heapPos[child] > lastPos)) break;
      heapRank[k] = cr;
      heapPos[k] = heapPos[child];
      k = child;
    }
    heapRank[k] = lastRank;
    heapPos[k] = lastPos;
  };
  const rankOf = (i: number): number => {
    const j = next[i];
    if (j >= n) return NO_RANK;
    const r = table.lookup(buf, base + i, base + next[j]);
    return r < 0 ? NO_RANK : r;
  };

  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  for (let i = 0; i < n - 1; i++) {
    const r = table.lookup(buf, base + i, base + i + 2);
    pairRank[i] = r < 0 ? NO_RANK : r;
    if (r >= 0) push(r, i);
  }
  pairRank[n - 1] = NO_RANK;

  while (size > 0) {
    const r = heapRank[0];
    const i = heapPos[0];
    popTop();
    if (pairRank[i] !== r) continue; // stale: this part changed since the entry was pushed
    // Merge part i with its successor j.
    const j = next[i];
    const after = next[j];
    next[i] = after;
    if (after < n) prev[after] = i;
    pairRank[j] = NO_RANK; // j no longer starts a part
    const ri = (pairRank[i] = rankOf(i));
    if (ri !== NO_RANK) push(ri, i);
    const p = prev[i];
    if (p >= 0) {
      const rp = (pairRank[p] = rankOf(p));
      if (rp !== NO_RANK) push(rp, p);
    }
  }
  for (let i = 0; i < n; i = next[i]) out[outLen++] = table.lookup(buf, base + i, base + next[i]);
  return outLen;
}
