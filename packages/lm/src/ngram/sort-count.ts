/**
 * In-memory n-gram counting by radix sort: every position's n-gram is a key pair (its order-(k-1) prefix
 * entry, its last word), sorted with LSD radix passes of <= 8 bits, and equal runs become the entries.
 * The sorted runs are already in trie order (prefix entry, then word), so there is no hash table and no
 * separate sort of the entries. On Brown (1.2M positions per order; load 10–17) a bigram count takes 70–110 ms
 * against 190–250 ms for the hash tables plus their sort (`TrieBuilder`), a trigram count 170–250 ms against ~500.
 */
import type { TrieData } from './trie-data.js';

/** Counts the n-grams of orders 1..`order` of the padded sentences `ids[ends[j-1]..ends[j])`. */
export function countSorted(
  ids: Uint32Array,
  ends: Uint32Array,
  count: number,
  order: number,
  idCount: number,
  packLimit = 2 ** 32,
): TrieData {
  const len = count > 0 ? ends[count - 1] : 0;
  const uni = new Float64Array(idCount);
  for (let i = 0; i < len; i++) uni[ids[i]]++;
  const counts: Float64Array[] = [uni];
  const words: Uint32Array[] = [new Uint32Array(0)];
  const parents: Uint32Array[] = [new Uint32Array(0)];
  if (order >= 2) {
    // Key arrays, double-buffered; `entryAt[i]`: the order-(k-1) entry of the n-gram starting at position i.
    const cap = Math.max(1, len);
    let hi = new Uint32Array(cap);
    let lo = new Uint32Array(cap);
    let pay = new Uint32Array(cap);
    let hi2 = new Uint32Array(cap);
    let lo2 = new Uint32Array(cap);
    let pay2 = new Uint32Array(cap);
    let entryAt: Uint32Array = ids;
    let prevEntries = idCount;
    const wordBits = bitsFor(idCount);
    for (let k = 2; k <= order; k++) {
      const last = k === order;
      // Packed: one key prefix * V + word when it fits 32 bits (Brown bigrams: V² = 2.9e9), so a pass moves
      // one key array, not two; else the (prefix, word) pair.
      const packed = prevEntries * idCount <= packLimit;
      const n = packed
        ? fillPacked(ids, ends, count, k, entryAt, idCount, lo, pay)
        : fillPairs(ids, ends, count, k, entryAt, hi, lo, pay);
      // LSD: the word's digits first, then the prefix entry's; a pass whose digit is constant is skipped.
      const keys: [boolean, number][] = packed
        ? [[false, bitsFor(prevEntries * idCount)]]
        : [[false, wordBits], [true, bitsFor(prevEntries)]];
      for (const [fromHi, bits] of keys) {
        const passes = Math.max(1, Math.ceil(bits / RADIX_BITS));
        const width = Math.ceil(bits / passes);
        const mask = (1 << width) - 1;
        for (let p = 0; p < passes; p++) {
          const shift = p * width;
          const off = digitStarts(fromHi ? hi : lo, n, shift, mask);
          if (off === undefined) continue;
          if (packed) {
            if (last) scatter1(lo, lo2, n, shift, mask, off);
            else scatter2(lo, lo, lo2, pay, pay2, n, shift, mask, off);
          } else if (last) {
            scatter2(fromHi ? hi : lo, hi, hi2, lo, lo2, n, shift, mask, off);
          } else {
            scatter3(fromHi ? hi : lo, hi, hi2, lo, lo2, pay, pay2, n, shift, mask, off);
          }
          [hi, hi2] = [hi2, hi];
          [lo, lo2] = [lo2, lo];
          [pay, pay2] = [pay2, pay];
        }
      }
      if (packed) unpack(lo, hi, n, idCount);
      const next = last ? entryAt : entryAt === ids ? new Uint32Array(len) : entryAt;
      const m = runs(hi, lo, pay, n, last ? undefined : next, words, parents, counts);
      entryAt = next;
      prevEntries = m;
    }
  }
  return { order, idCount, counts, words, parents };
}

/** 8-bit digits (256 buckets per pass); 11-bit ones measured no faster here (noisy, load 15–25). */
const RADIX_BITS = 8;
// The passes are small functions, each optimized on its own: as loops of one big function they waited for
// on-stack replacement and the first Brown trigram count took 0.5–0.8 s instead of ~0.2 s.

function fillPacked(
  ids: Uint32Array,
  ends: Uint32Array,
  count: number,
  k: number,
  entryAt: Uint32Array,
  V: number,
  key: Uint32Array,
  pay: Uint32Array,
): number {
  let n = 0;
  let start = 0;
  for (let j = 0; j < count; j++) {
    const end = ends[j];
    for (let i = start; i + k <= end; i++) {
      key[n] = entryAt[i] * V + ids[i + k - 1];
      pay[n++] = i;
    }
    start = end;
  }
  return n;
}

function fillPairs(
  ids: Uint32Array,
  ends: Uint32Array,
  count: number,
  k: number,
  entryAt: Uint32Array,
  hi: Uint32Array,
  lo: Uint32Array,
  pay: Uint32Array,
): number {
  let n = 0;
  let start = 0;
  for (let j = 0; j < count; j++) {
    const end = ends[j];
    for (let i = start; i + k <= end; i++) {
      hi[n] = entryAt[i];
      lo[n] = ids[i + k - 1];
      pay[n++] = i;
    }
    start = end;
  }
  return n;
}

/** The start of each digit's bucket, or undefined when every key has the same digit (the pass is skipped). */
function digitStarts(key: Uint32Array, n: number, shift: number, mask: number): Uint32Array | undefined {
  const off = new Uint32Array(mask + 2);
  for (let i = 0; i < n; i++) off[((key[i] >>> shift) & mask) + 1]++;
  for (let d = 1; d <= mask + 1; d++) {
    if (off[d] === n) return undefined;
    off[d] += off[d - 1];
  }
  return off;
}

function scatter1(a: Uint32Array, a2: Uint32Array, n: number, shift: number, mask: number, off: Uint32Array): void {
  for (let i = 0; i < n; i++) a2[off[(a[i] >>> shift) & mask]++] = a[i];
}

function scatter2(
  key: Uint32Array,
  a: Uint32Array,
  a2: Uint32Array,
  b: Uint32Array,
  b2: Uint32Array,
  n: number,
  shift: number,
  mask: number,
  off: Uint32Array,
): void {
  for (let i = 0; i < n; i++) {
    const j = off[(key[i] >>> shift) & mask]++;
    a2[j] = a[i];
    b2[j] = b[i];
  }
}

function scatter3(
  key: Uint32Array,
  a: Uint32Array,
  a2: Uint32Array,
  b: Uint32Array,
  b2: Uint32Array,
  c: Uint32Array,
  c2: Uint32Array,
  n: number,
  shift: number,
  mask: number,
  off: Uint32Array,
): void {
  for (let i = 0; i < n; i++) {
    const j = off[(key[i] >>> shift) & mask]++;
    a2[j] = a[i];
    b2[j] = b[i];
    c2[j] = c[i];
  }
}

/** Packed keys (in `lo`) back to (prefix in `hi`, word in `lo`). */
function unpack(lo: Uint32Array, hi: Uint32Array, n: number, V: number): void {
  for (let i = 0; i < n; i++) {
    const key = lo[i];
    const h = Math.floor(key / V);
    hi[i] = h;
    lo[i] = key - h * V;
  }
}

/** Runs of equal sorted keys → entries (appended to the trie arrays); `next[pos]` gets each position's entry. */
function runs(
  hi: Uint32Array,
  lo: Uint32Array,
  pay: Uint32Array,
  n: number,
  next: Uint32Array | undefined,
  words: Uint32Array[],
  parents: Uint32Array[],
  counts: Float64Array[],
): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || hi[i] !== hi[i - 1] || lo[i] !== lo[i - 1]) m++;
  const w = new Uint32Array(m);
  const par = new Uint32Array(m);
  const c = new Float64Array(m);
  let e = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || hi[i] !== hi[i - 1] || lo[i] !== lo[i - 1]) {
      e++;
      w[e] = lo[i];
      par[e] = hi[i];
    }
    c[e]++;
    if (next !== undefined) next[pay[i]] = e;
  }
  words.push(w);
  parents.push(par);
  counts.push(c);
  return m;
}

function bitsFor(n: number): number {
  let b = 1;
  while (b < 32 && 2 ** b < n) b++;
  return b;
}
