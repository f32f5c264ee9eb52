/**
 * In-memory n-gram counting by prefix buckets: at order k every position's n-gram is (its order-(k-1) prefix
 * entry, its last word). One counting-sort pass puts the positions into buckets by prefix entry (the trie's
 * parent order), then each bucket is grouped by word with a stamp array over the word ids (no hash, no sort
 * of the positions) and only its distinct words are sorted. Entries come out in trie order (parent, then
 * word), with their counts; each position learns its entry, the prefix of the next order.
 *
 * It replaced 4–6 LSD radix passes per order (an earlier radix-sort counter): the bucket scatter is one pass whose hot
 * buckets (frequent prefixes, Zipf) stay in cache, and the grouping reads each bucket once. The top order, whose
 * entries need not be found again per position, is radix-sorted as packed 32-bit keys when they fit
 * (`countTopByRadix`).
 *
 * With WebAssembly, `countNgramsFromBytes` counts in count-kernel.wat (radix sorts of packed 32/64-bit keys,
 * 2–4× faster there than these loops here); this counter serves `countNgrams`, the kernel's fallback (keys
 * past 64 bits) and JavaScript without WebAssembly.
 */
import { bitsFor } from './bits.js';
import { keepShape } from './keep-shapes.js';
import type { TrieData } from './trie-data.js';

let shapesKept = false;

/** Counts the n-grams of orders 1..`order` of the padded sentences `ids[ends[j-1]..ends[j])`. */
export function countBucketed(ids: Uint32Array, ends: Uint32Array, count: number, order: number, idCount: number): TrieData {
  if (!shapesKept) {
    // The shapes of the counting's short-lived objects (the grouper, the results of each step), kept alive so
    // that the functions here stay compiled from one count to the next (see keep-shapes.ts); made on the first
    // count, not at import.
    shapesKept = true;
    keepShape(new Grouper(1));
    keepShape(countBucketed(Uint32Array.of(0, 1, 0, 1), Uint32Array.of(4), 1, 3, 2));
    keepShape(countTopByRadix(Uint32Array.of(0, 1), Uint32Array.of(2), 1, 2, Uint32Array.of(0, 1), 2, 2, new Uint32Array(2), new Uint32Array(2)));
  }
  const len = count > 0 ? ends[count - 1] : 0;
  const uni = new Float64Array(idCount);
  for (let i = 0; i < len; i++) uni[ids[i]]++;
  const counts: Float64Array[] = [uni];
  const words: Uint32Array[] = [new Uint32Array(0)];
  const parents: Uint32Array[] = [new Uint32Array(0)];
  if (order < 2) return { order, idCount, counts, words, parents };
  // The continuations of each context entry and their total fall out of the buckets (`TrieData` notes).
  const childStart: Uint32Array[] = [];
  const contextTotal: Float64Array[] = [];
  const cap = Math.max(1, len);
  const pos = new Uint32Array(cap); // positions, by prefix bucket
  const bw = new Uint32Array(cap); // their last words
  // Entries being made by the buckets (sliced at the end of each order); made when first needed.
  let w: Uint32Array | undefined;
  let par: Uint32Array | undefined;
  let c: Float64Array | undefined;
  let g: Grouper | undefined;
  let entryAt: Uint32Array = ids; // the order-(k-1) entry of the n-gram starting at each position
  let prevEntries = idCount;
  for (let k = 2; k <= order; k++) {
    const last = k === order;
    if (last && bitsFor(prevEntries) + bitsFor(idCount) <= 32) {
      const r = countTopByRadix(ids, ends, count, k, entryAt, prevEntries, idCount, pos, bw);
      childStart.push(r.childStart);
      contextTotal.push(r.contextTotal);
      words.push(r.words);
      parents.push(r.parents);
      counts.push(r.counts);
      break;
    }
    const start = bucketStarts(ends, count, k, entryAt, prevEntries);
    scatter(ids, ends, count, k, entryAt, start, pos, bw, last);
    // The next order's prefixes overwrite this order's (read only by the scatter above).
    const next = last ? undefined : entryAt === ids ? new Uint32Array(len) : entryAt;
    const cs = new Uint32Array(prevEntries + 1);
    const tot = new Float64Array(prevEntries);
    w ??= new Uint32Array(cap);
    par ??= new Uint32Array(cap);
    c ??= new Float64Array(cap);
    g ??= new Grouper(idCount);
    const m = g.run(start, prevEntries, pos, bw, w, par, c, next, cs, tot);
    childStart.push(cs);
    contextTotal.push(tot);
    words.push(w.slice(0, m));
    parents.push(par.slice(0, m));
    counts.push(c.slice(0, m));
    if (next !== undefined) entryAt = next;
    prevEntries = m;
  }
  return { order, idCount, counts, words, parents, childStart, contextTotal };
}

/**
 * The top order when (prefix entry, word) packs into 32 bits: the keys of every position are radix-sorted (no
 * positions carried: the top order's entries are nobody's prefix) and counted as runs. On Brown's bigrams this
 * took 40–47 ms against 61–76 for the bucket grouping (medians of 9, interleaved, load ~20), whose per-bucket
 * stamping and sorting of distinct words cost more than three sequential sort passes. (Sorting the top 11 bits
 * first and each bucket in cache was no faster: 60 ms.) (Wider keys held as two arrays were slower than the buckets:
 * Brown's trigrams, 19 + 16 bits, 166 vs 130 ms.)
 */
function countTopByRadix(
  ids: Uint32Array,
  ends: Uint32Array,
  count: number,
  k: number,
  entryAt: Uint32Array,
  prevEntries: number,
  idCount: number,
  keys: Uint32Array,
  tmp: Uint32Array,
): { words: Uint32Array; parents: Uint32Array; counts: Float64Array; childStart: Uint32Array; contextTotal: Float64Array } {
  const bw = bitsFor(idCount);
  const total = bw + bitsFor(prevEntries);
  const passes = Math.ceil(total / 11);
  const d = Math.ceil(total / passes);
  const size = 1 << d;
  const mask = size - 1;
  const hist = new Int32Array(passes * size);
  let a = keys;
  let b = tmp;
  let m = 0;
  let s = 0;
  for (let j = 0; j < count; j++) {
    const end = ends[j] - k + 1;
    for (let i = s; i < end; i++) {
      const x = ((entryAt[i] << bw) | ids[i + k - 1]) >>> 0;
      a[m++] = x;
      for (let q = 0, sh = 0; q < passes; q++, sh += d) hist[q * size + ((x >>> sh) & mask)]++;
    }
    s = ends[j];
  }
  for (let q = 0, sh = 0; q < passes; q++, sh += d) {
    const base = q * size;
    let sum = 0;
    let skip = m === 0;
    for (let v = 0; v < size; v++) {
      const n = hist[base + v];
      if (n === m) skip = true; // one digit for all: nothing to move
      hist[base + v] = sum;
      sum += n;
    }
    if (skip) continue;
    for (let i = 0; i < m; i++) {
      const x = a[i];
      b[hist[base + ((x >>> sh) & mask)]++] = x;
    }
    [a, b] = [b, a];
  }
  // Runs of equal keys are the entries, in (prefix, word) order: b[e] the key, a[e] the run length (a's front
  // is consumed: e <= i).
  let e = 0;
  for (let i = 0; i < m; ) {
    const x = a[i];
    let j = i + 1;
    while (j < m && a[j] === x) j++;
    b[e] = x;
    a[e] = j - i;
    e++;
    i = j;
  }
  const wMask = bw >= 32 ? -1 : (1 << bw) - 1;
  const words = new Uint32Array(e);
  const parents = new Uint32Array(e);
  const counts = new Float64Array(e);
  const childStart = new Uint32Array(prevEntries + 1);
  const contextTotal = new Float64Array(prevEntries);
  for (let q = 0; q < e; q++) {
    const x = b[q];
    const p = x >>> bw;
    words[q] = x & wMask;
    parents[q] = p;
    counts[q] = a[q];
    childStart[p + 1]++;
    contextTotal[p] += a[q];
  }
  for (let p = 0; p < prevEntries; p++) childStart[p + 1] += childStart[p];
  return { words, parents, counts, childStart, contextTotal };
}

/** start[p]..start[p+1]: the bucket of prefix entry p (from a count of each prefix's positions). */
function bucketStarts(ends: Uint32Array, count: number, k: number, entryAt: Uint32Array, prevEntries: number): Uint32Array {
  const start = new Uint32Array(prevEntries + 1);
  let s = 0;
  for (let j = 0; j < count; j++) {
    const end = ends[j] - k + 1;
    for (let i = s; i < end; i++) start[entryAt[i] + 1]++;
    s = ends[j];
  }
  for (let p = 0; p < prevEntries; p++) start[p + 1] += start[p];
  return start;
}

function scatter(
  ids: Uint32Array,
  ends: Uint32Array,
  count: number,
  k: number,
  entryAt: Uint32Array,
  start: Uint32Array,
  pos: Uint32Array,
  bw: Uint32Array,
  last: boolean,
): void {
  const head = start.slice(0, start.length - 1);
  let s = 0;
  for (let j = 0; j < count; j++) {
    const end = ends[j] - k + 1;
    if (last) {
      for (let i = s; i < end; i++) bw[head[entryAt[i]]++] = ids[i + k - 1];
    } else {
      for (let i = s; i < end; i++) {
        const at = head[entryAt[i]]++;
        pos[at] = i;
        bw[at] = ids[i + k - 1];
      }
    }
    s = ends[j];
  }
}

/** Groups each bucket's words: a stamp per word id marks the words seen in the current bucket. */
class Grouper {
  private readonly stamp: Int32Array;
  private readonly tally: Float64Array;
  private readonly slot: Uint32Array;
  private readonly distinct: Uint32Array;
  private tag = 0;

  constructor(idCount: number) {
    this.stamp = new Int32Array(idCount).fill(-1);
    this.tally = new Float64Array(idCount);
    this.slot = new Uint32Array(idCount);
    this.distinct = new Uint32Array(idCount);
  }

  /**
   * Writes the entries of every bucket (sorted words, parent, count) from index 0, and each bucket's first
   * entry and size (its context's child start and total); returns how many entries.
   */
  run(
    start: Uint32Array,
    buckets: number,
    pos: Uint32Array,
    bw: Uint32Array,
    w: Uint32Array,
    par: Uint32Array,
    c: Float64Array,
    next: Uint32Array | undefined,
    childStart: Uint32Array,
    contextTotal: Float64Array,
  ): number {
    const { stamp, tally, slot, distinct } = this;
    let e = 0;
    for (let p = 0; p < buckets; p++) {
      const s = start[p];
      const t = start[p + 1];
      childStart[p] = e;
      contextTotal[p] = t - s;
      if (t === s) continue;
      if (t - s === 1) {
        w[e] = bw[s];
        par[e] = p;
        c[e] = 1;
        if (next !== undefined) next[pos[s]] = e;
        e++;
        continue;
      }
      const tag = this.tag++;
      let d = 0;
      for (let j = s; j < t; j++) {
        const x = bw[j];
        if (stamp[x] !== tag) {
          stamp[x] = tag;
          tally[x] = 0;
          distinct[d++] = x;
        }
        tally[x]++;
      }
      if (d <= 16) insertionSort(distinct, d);
      else distinct.subarray(0, d).sort();
      for (let q = 0; q < d; q++) {
        const x = distinct[q];
        w[e + q] = x;
        par[e + q] = p;
        c[e + q] = tally[x];
        slot[x] = e + q;
      }
      if (next !== undefined) for (let j = s; j < t; j++) next[pos[j]] = slot[bw[j]];
      e += d;
    }
    childStart[buckets] = e;
    return e;
  }
}

function insertionSort(a: Uint32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

