/**
 * Sort-then-merge lookups for a block of text (`SentenceScorer.sumLog2Block`): the block's (context, word) pairs
 * are radix-sorted, then walked once against the model's sorted continuation arrays, so each context's
 * continuations are read in order, once per block, and a repeated n-gram is looked up (and, at the top order,
 * its log score computed) once. Searching each n-gram on its own cost 3–5 dependent cache misses in a frequent
 * context (90–110 ns an order on Brown under load); on Brown's held-out bigrams (107k ids, one block) the
 * block's lookups and logs went from ~15 to ~7 ms (sort ~3.4, merge ~3.2), load 3–10. Bigger blocks merge
 * denser (8k-id blocks took twice as long).
 *
 * A context is named by its rank among the block's distinct entries of its order (ranks follow entry order),
 * not by the entry itself, so that (context, word) usually packs into one 32-bit key: a sort pass then moves
 * two arrays (key, position) instead of three. Wider pairs take the three-array sort. The packed sort's passes run
 * in WebAssembly where there is one (scan-kernel.wat's `radix`, its buffers in that kernel's memory: ~3 → ~1 ms
 * on Brown's held-out bigrams); the JavaScript passes stay as the fallback and give the same order (both stable).
 *
 * Where there is WebAssembly the whole block goes to the kernel instead (`sumLog2Kernel`, scan-kernel.wat's
 * `merge`): one sort of the block's n-grams as 64-bit keys of their words' ranks (not one sort per order), the
 * orders' searches from the previous key's position with a SIMD first probe, contexts in batches whose table
 * reads are issued together so that their misses overlap, one score per distinct n-gram; the logs are taken
 * here (`Math.log`, as the estimators) and summed in the kernel in NLTK's order. Brown's held-out text, warm
 * calls, CPU, old and new code alternated in one process at load ~7: trigram 16.1 → 10.7 ms, bigram 9.2 → 7.2
 * (the JavaScript merge loops took ~8 of the trigram's ~14 ms at load 1). The JavaScript path below stays for
 * engines without WebAssembly and for keys over 64 bits; test/score-merge.test.ts holds the two to the same bits.
 */
import type { NgramCounts } from './ngram-counts.js';
import { bitsFor } from './bits.js';
import { MergeKernel, SortKernel } from './scan-kernel.js';

/** The entries found at one order: rank[t] for the n-gram ending at position t (-1: not counted), entry[rank]. */
export interface Ranked {
  rank: Int32Array;
  /** The entry of each rank; undefined: the rank is the entry (word ids at order 1). */
  entry: Uint32Array | undefined;
  /** How many distinct entries (ranks 0..count-1). */
  count: number;
}

export class BlockLookup {
  private key = new Uint32Array(0);
  private pos = new Uint32Array(0);
  private key2 = new Uint32Array(0);
  private pos2 = new Uint32Array(0);
  private ctxW = new Uint32Array(0);
  private ctxW2 = new Uint32Array(0);
  private hist = new Int32Array(0);
  /** After a sort: how the pairs are held (packed into `key`, or context in `ctxW` and word in `key`). */
  private packed = true;
  private wordBits = 0;
  /** The packed sort in WebAssembly (its buffers are key, pos, key2, pos2), or undefined: the JavaScript one. */
  private sorter: SortKernel | undefined;

  private reserve(n: number, wide: boolean): void {
    const sorter = SortKernel.shared();
    // The buffers change with the switch (tests), and when the kernel's memory grew (views detached: length 0).
    if (this.key.length < n || sorter !== this.sorter) {
      const cap = this.key.length < n ? Math.max(n, this.key.length * 2) : this.key.length;
      this.sorter = sorter;
      if (sorter !== undefined) [this.key, this.pos, this.key2, this.pos2] = sorter.buffers(cap);
      else {
        this.key = new Uint32Array(cap);
        this.pos = new Uint32Array(cap);
        this.key2 = new Uint32Array(cap);
        this.pos2 = new Uint32Array(cap);
      }
    }
    if (wide && this.ctxW.length < this.key.length) {
      this.ctxW = new Uint32Array(this.key.length);
      this.ctxW2 = new Uint32Array(this.key.length);
    }
  }

  /**
   * `acc.sum` += log2 of the MLE or Lidstone score of every scored n-gram (order `c.order`) of the `count` padded
   * sentences ending at `ends`, in NLTK's order, `acc.count` += how many; through the WebAssembly merge
   * (`MergeKernel`). False (nothing added) when there is no kernel or it cannot take the block. The scores are
   * the estimators' float operations on the counts the kernel's entries name, computed once per distinct n-gram,
   * and added in the same order as `sumLog2` adds them: the same bits.
   */
  sumLog2Kernel(
    c: NgramCounts,
    ids: Uint32Array,
    ends: Uint32Array,
    count: number,
    lidstone: boolean,
    gamma: number,
    vg: number,
    acc: { sum: number; count: number },
  ): boolean {
    const kernel = MergeKernel.shared();
    if (kernel === undefined || !kernel.lookup(c, ids, ends, count, lidstone, gamma, vg)) return false;
    // The logs in place of the scores, once per distinct n-gram, then summed in the kernel in NLTK's order.
    const D = kernel.distinct;
    const q = kernel.q;
    for (let d = 0; d < D; d++) {
      const p = q[d];
      q[d] = p === 0 ? -Infinity : Math.log(p) / Math.LN2;
    }
    acc.sum = kernel.sum(acc.sum);
    acc.count += kernel.scored;
    return true;
  }

  /**
   * Collects the positions t in [from, len) whose context `ctx[t - 1]` is known (>= 0; a rank below `contexts`)
   * with their word `ids[t]` (below `words`), sorted by (context, word); returns how many.
   */
  private sortPairs(ctx: Int32Array, ids: Uint32Array, from: number, len: number, contexts: number, words: number): number {
    const bw = bitsFor(words);
    const total = bw + bitsFor(contexts);
    const wide = total > 32;
    this.reserve(len, wide);
    this.packed = !wide;
    this.wordBits = bw;
    const passes = Math.ceil(total / 11);
    const d = Math.ceil(total / passes);
    const size = 1 << d;
    const mask = size - 1;
    if (this.hist.length < passes * size) this.hist = new Int32Array(passes * size);
    const hist = this.hist;
    hist.fill(0, 0, passes * size);
    let k = this.key;
    let p = this.pos;
    let c = this.ctxW;
    let m = 0;
    const sorter = this.sorter;
    if (!wide && sorter !== undefined) {
      // Keys here, the histograms and passes in the kernel.
      for (let t = from; t < len; t++) {
        const e = ctx[t - 1];
        if (e < 0) continue;
        k[m] = ((e << bw) | ids[t]) >>> 0;
        p[m] = t;
        m++;
      }
      if (sorter.radix(k, p, this.key2, this.pos2, m, passes, d)) {
        [this.key, this.key2] = [this.key2, this.key];
        [this.pos, this.pos2] = [this.pos2, this.pos];
      }
      return m;
    }
    if (!wide) {
      for (let t = from; t < len; t++) {
        const e = ctx[t - 1];
        if (e < 0) continue;
        const x = ((e << bw) | ids[t]) >>> 0;
        k[m] = x;
        p[m] = t;
        m++;
        for (let q = 0, s = 0; q < passes; q++, s += d) hist[q * size + ((x >>> s) & mask)]++;
      }
    } else {
      for (let t = from; t < len; t++) {
        const e = ctx[t - 1];
        if (e < 0) continue;
        const x = ids[t];
        k[m] = x;
        c[m] = e;
        p[m] = t;
        m++;
        for (let q = 0, s = 0; q < passes; q++, s += d) {
          hist[q * size + ((s < bw ? (x >>> s) | (e << (bw - s)) : e >>> (s - bw)) & mask)]++;
        }
      }
    }
    let k2 = this.key2;
    let p2 = this.pos2;
    let c2 = this.ctxW2;
    for (let q = 0, s = 0; q < passes; q++, s += d) {
      const base = q * size;
      let sum = 0;
      let skip = m === 0;
      for (let b = 0; b < size; b++) {
        const n = hist[base + b];
        if (n === m) skip = true; // one digit for all: nothing to move
        hist[base + b] = sum;
        sum += n;
      }
      if (skip) continue;
      if (!wide) {
        for (let i = 0; i < m; i++) {
          const x = k[i];
          const at = hist[base + ((x >>> s) & mask)]++;
          k2[at] = x;
          p2[at] = p[i];
        }
      } else {
        for (let i = 0; i < m; i++) {
          const x = k[i];
          const e = c[i];
          const at = hist[base + ((s < bw ? (x >>> s) | (e << (bw - s)) : e >>> (s - bw)) & mask)]++;
          k2[at] = x;
          c2[at] = e;
          p2[at] = p[i];
        }
        [c, c2] = [c2, c];
      }
      [k, k2] = [k2, k];
      [p, p2] = [p2, p];
    }
    this.key = k;
    this.pos = p;
    this.key2 = k2;
    this.pos2 = p2;
    this.ctxW = c;
    this.ctxW2 = c2;
    return m;
  }

  /**
   * The order-(k+1) entries of the n-grams ending at t in [from, len): word ids[t] after the order-k context
   * `prev` names at t - 1. Written into
   * `out` (rank -1 for t < from, for an unknown context and for an n-gram never counted).
   */
  childEntries(c: NgramCounts, k: number, prev: Ranked, ids: Uint32Array, out: Ranked, from: number, len: number): void {
    const rank = out.rank;
    rank.fill(-1, 0, len);
    const ctx = prev.rank;
    const contexts = prev.count;
    const ctxEntry = prev.entry;
    const m = this.sortPairs(ctx, ids, from, len, contexts, c.vocab.idCount);
    const start = c.childStart[k - 1];
    const words = c.words[k];
    const sk = this.key;
    const sp = this.pos;
    const sc = this.ctxW;
    const packed = this.packed;
    const bw = this.wordBits;
    const wMask = bw >= 32 ? -1 : (1 << bw) - 1;
    let entry = out.entry;
    if (entry === undefined || entry.length < m) entry = out.entry = new Uint32Array(m);
    let r = 0;
    let i = 0;
    while (i < m) {
      const cr = packed ? sk[i] >>> bw : sc[i];
      const pe = ctxEntry === undefined ? cr : ctxEntry[cr];
      let lo = start[pe];
      const hi = start[pe + 1];
      for (;;) {
        const key = sk[i];
        const x = packed ? key & wMask : key;
        lo = lowerBound(words, lo, hi, x);
        if (lo < hi && words[lo] === x) {
          entry[r] = lo;
          do rank[sp[i++]] = r;
          while (i < m && sk[i] === key && (packed || sc[i] === cr));
          r++;
        } else {
          do i++;
          while (i < m && sk[i] === key && (packed || sc[i] === cr));
        }
        if (i >= m || (packed ? sk[i] >>> bw : sc[i]) !== cr) break;
      }
    }
    out.count = r;
  }

  /**
   * logAt[t] = log2 of the MLE or Lidstone score of word ids[t] after the order-k context `prev` names at t - 1,
   * for t in [from, len) (k = order - 1): NLTK's formulas, the same float operations as the estimators.
   */
  topLog2(
    c: NgramCounts,
    k: number,
    prev: Ranked,
    ids: Uint32Array,
    logAt: Float64Array,
    from: number,
    len: number,
    lidstone: boolean,
    gamma: number,
    vg: number,
  ): void {
    const ctx = prev.rank;
    const contexts = prev.count;
    const ctxEntry = prev.entry;
    // An unseen context: count 0 and total 0.
    const pNone = lidstone ? gamma / vg : 0;
    const none = pNone === 0 ? -Infinity : Math.log(pNone) / Math.LN2;
    for (let t = from; t < len; t++) if (ctx[t - 1] < 0) logAt[t] = none;
    const m = this.sortPairs(ctx, ids, from, len, contexts, c.vocab.idCount);
    const start = c.childStart[k - 1];
    const words = c.words[k];
    const counts = c.counts[k];
    const totals = c.contextTotal[k - 1];
    const sk = this.key;
    const sp = this.pos;
    const sc = this.ctxW;
    const packed = this.packed;
    const bw = this.wordBits;
    const wMask = bw >= 32 ? -1 : (1 << bw) - 1;
    let i = 0;
    while (i < m) {
      const cr = packed ? sk[i] >>> bw : sc[i];
      const pe = ctxEntry === undefined ? cr : ctxEntry[cr];
      let lo = start[pe];
      const hi = start[pe + 1];
      const N = totals[pe];
      // The score of a word not seen after this context, computed once per context if needed.
      let unseen = NaN;
      for (;;) {
        const key = sk[i];
        const x = packed ? key & wMask : key;
        lo = lowerBound(words, lo, hi, x);
        let lg: number;
        if (lo < hi && words[lo] === x) {
          const count = counts[lo];
          const q = lidstone ? (count + gamma) / (N + vg) : N === 0 ? 0 : count / N;
          lg = q === 0 ? -Infinity : Math.log(q) / Math.LN2;
        } else {
          if (unseen !== unseen) {
            const q = lidstone ? (0 + gamma) / (N + vg) : 0;
            unseen = q === 0 ? -Infinity : Math.log(q) / Math.LN2;
          }
          lg = unseen;
        }
        do logAt[sp[i++]] = lg;
        while (i < m && sk[i] === key && (packed || sc[i] === cr));
        if (i >= m || (packed ? sk[i] >>> bw : sc[i]) !== cr) break;
      }
    }
  }
}

/** The first index in the sorted words[lo..hi) whose word is >= x (hi if none), galloping from lo. */
function lowerBound(words: Uint32Array, lo: number, hi: number, x: number): number {
  if (lo >= hi || words[lo] >= x) return lo;
  // words[lo] < x: double the step until past x, then halve.
  let a = lo;
  let step = 1;
  while (a + step < hi && words[a + step] < x) {
    a += step;
    step += step;
  }
  let l = a + 1;
  let h = Math.min(a + step, hi);
  while (l < h) {
    const mid = (l + h) >>> 1;
    if (words[mid] < x) l = mid + 1;
    else h = mid;
  }
  return l;
}
