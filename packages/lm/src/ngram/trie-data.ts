/**
 * The compact count store: a trie laid out as one set of typed arrays per order (SRILM/KenLM-style).
 *
 * Order 1 is dense: `counts[0][id]` for every word id (0 for ids never seen). An entry of order k >= 2 is
 * `(parents[k-1][j], words[k-1][j], counts[k-1][j])`, where the parent is the index of its first k-1 words
 * at order k-1 (a word id at order 1). Entries are sorted by (parent, word); since ids are in code-point
 * order, entry order is the lexicographic order of the n-grams, and the children of an entry (its
 * continuations one order up) are one contiguous run. No strings and no per-n-gram objects: an n-gram
 * costs 16 bytes (word, parent, count), plus 4 for the child index of lower orders.
 *
 * `TrieData` is plain data (structured-clone and transfer friendly): counting workers send it back, and
 * `mergeTries` adds two of them in one linear pass per order.
 */
import { PairTable } from './pair-table.js';

export interface TrieData {
  order: number;
  /** Number of word ids (V). */
  idCount: number;
  /** counts[k-1]: the counts of the order-k entries (order 1: by word id). */
  counts: Float64Array[];
  /** words[k-1]: the last word of each order-k entry (order 1: empty, the entry index is the word id). */
  words: Uint32Array[];
  /** parents[k-1]: the order-(k-1) entry index of each order-k entry's prefix (order 1: empty). */
  parents: Uint32Array[];
  /**
   * Optional, for k < order, when the counter has them for free (`countBucketed`): `NgramCounts`' childStart[k-1]
   * (entries + 1 values) and contextTotal[k-1]. Merges drop them.
   */
  childStart?: Uint32Array[];
  contextTotal?: Float64Array[];
}

/**
 * Counts padded id sequences into per-order hash tables, then sorts them into a `TrieData`.
 * Each position starts one n-gram of every order 1..n that fits before the sentence end, exactly the
 * n-grams of NLTK's `everygrams(padded, max_len=n)`.
 */
export class TrieBuilder {
  private readonly unigrams: Float64Array;
  private readonly tables: PairTable[] = [];
  private pos = new Uint32Array(0);
  private sentences = 0;
  constructor(
    readonly order: number,
    readonly idCount: number,
  ) {
    this.unigrams = new Float64Array(idCount);
    for (let k = 2; k <= order; k++) this.tables.push(new PairTable(1 << 12));
  }

  /**
   * Counts the n-grams of a batch of padded sentences: sentence j is `ids[ends[j-1]..ends[j])` (from 0).
   * One order at a time over the whole batch, so only one hash table is hot at once (~20% faster on
   * Brown than all orders per position); `pos[i]` carries the entry of the n-gram starting at i.
   */
  addSentences(ids: Uint32Array, ends: ArrayLike<number>, count: number): void {
    const len = count > 0 ? ends[count - 1] : 0;
    this.sentences += count;
    const uni = this.unigrams;
    for (let i = 0; i < len; i++) uni[ids[i]]++;
    if (this.order === 1) return;
    if (this.pos.length < len) this.pos = new Uint32Array(Math.max(len, this.pos.length * 2));
    const pos = this.pos;
    pos.set(ids.subarray(0, len));
    for (let k = 2; k <= this.order; k++) {
      const t = this.tables[k - 2];
      t.reserve(t.size + len - count * (k - 1)); // at most one new entry per n-gram
      let start = 0;
      for (let j = 0; j < count; j++) {
        const end = ends[j];
        for (let i = start; i + k <= end; i++) pos[i] = t.add(pos[i], ids[i + k - 1]);
        start = end;
      }
    }
  }

  /** Whether nothing was counted yet. */
  get isEmpty(): boolean {
    return this.sentences === 0;
  }

  /** Bytes held by the hash tables (for chunk budgets). */
  get bytes(): number {
    let b = this.unigrams.byteLength;
    for (const t of this.tables) b += t.bytes;
    return b;
  }

  /** Sorts the tables into trie order (two stable counting-sort passes per order: by word, then by parent). */
  finalize(): TrieData {
    const V = this.idCount;
    const counts: Float64Array[] = [this.unigrams];
    const words: Uint32Array[] = [new Uint32Array(0)];
    const parents: Uint32Array[] = [new Uint32Array(0)];
    let rankOfPrev: Uint32Array | undefined; // insertion index at order k-1 -> sorted index (undefined: identity)
    let prevCount = V;
    for (let k = 2; k <= this.order; k++) {
      const t = this.tables[k - 2].entries();
      const n = t.prefix.length;
      const parentRank = new Uint32Array(n);
      for (let e = 0; e < n; e++) parentRank[e] = rankOfPrev === undefined ? t.prefix[e] : rankOfPrev[t.prefix[e]];
      const byWord = countingSort(t.word, n, V);
      // Second pass (stable, by parent) writes the entries straight into place.
      const start = new Uint32Array(prevCount + 1);
      for (let e = 0; e < n; e++) start[parentRank[e] + 1]++;
      for (let b = 0; b < prevCount; b++) start[b + 1] += start[b];
      const w = new Uint32Array(n);
      const p = new Uint32Array(n);
      const c = new Float64Array(n);
      const rank = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const e = byWord[i];
        const pr = parentRank[e];
        const j = start[pr]++;
        w[j] = t.word[e];
        p[j] = pr;
        c[j] = t.count[e];
        rank[e] = j;
      }
      words.push(w);
      parents.push(p);
      counts.push(c);
      rankOfPrev = rank;
      prevCount = n;
    }
    return { order: this.order, idCount: V, counts, words, parents };
  }
}

/** The indices 0..n-1 stably sorted by `key[index]` in [0, buckets) (a counting sort). */
function countingSort(key: Uint32Array, n: number, buckets: number): Uint32Array {
  const start = new Uint32Array(buckets + 1);
  for (let e = 0; e < n; e++) start[key[e] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const out = new Uint32Array(n);
  for (let e = 0; e < n; e++) out[start[key[e]]++] = e;
  return out;
}

/** Adds two tries over the same ids and order: one merge pass per order, parents renumbered as it goes. */
export function mergeTries(a: TrieData, b: TrieData): TrieData {
  if (a.order !== b.order || a.idCount !== b.idCount) {
    throw new RangeError(`mergeTries: tries differ (order ${a.order}/${b.order}, ids ${a.idCount}/${b.idCount})`);
  }
  const V = a.idCount;
  const uni = new Float64Array(V);
  for (let i = 0; i < V; i++) uni[i] = a.counts[0][i] + b.counts[0][i];
  const counts: Float64Array[] = [uni];
  const words: Uint32Array[] = [new Uint32Array(0)];
  const parents: Uint32Array[] = [new Uint32Array(0)];
  let mapA: Uint32Array | undefined; // old index at order k-1 -> merged index (undefined: identity)
  let mapB: Uint32Array | undefined;
  for (let k = 2; k <= a.order; k++) {
    const [aw, ap, ac] = [a.words[k - 1], a.parents[k - 1], a.counts[k - 1]];
    const [bw, bp, bc] = [b.words[k - 1], b.parents[k - 1], b.counts[k - 1]];
    const na = aw.length;
    const nb = bw.length;
    const w = new Uint32Array(na + nb);
    const p = new Uint32Array(na + nb);
    const c = new Float64Array(na + nb);
    const nextA = new Uint32Array(na);
    const nextB = new Uint32Array(nb);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < na || j < nb) {
      const pa = i < na ? (mapA === undefined ? ap[i] : mapA[ap[i]]) : Infinity;
      const pb = j < nb ? (mapB === undefined ? bp[j] : mapB[bp[j]]) : Infinity;
      const cmp = pa !== pb ? pa - pb : i >= na ? 1 : j >= nb ? -1 : aw[i] - bw[j];
      if (cmp <= 0) {
        w[o] = aw[i];
        p[o] = pa;
        c[o] = ac[i];
        nextA[i++] = o;
        if (cmp === 0) {
          c[o] += bc[j];
          nextB[j++] = o;
        }
      } else {
        w[o] = bw[j];
        p[o] = pb;
        c[o] = bc[j];
        nextB[j++] = o;
      }
      o++;
    }
    words.push(w.slice(0, o));
    parents.push(p.slice(0, o));
    counts.push(c.slice(0, o));
    mapA = nextA;
    mapB = nextB;
  }
  return { order: a.order, idCount: V, counts, words, parents };
}
