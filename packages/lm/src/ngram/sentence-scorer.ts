/**
 * Scoring whole padded sentences of ids, for `perplexity`/`crossEntropy`: each word is looked up once
 * (not once per n-gram it is in), and the entries are followed incrementally: the j-gram ending at
 * position t is the child of the (j-1)-gram ending at t-1, so a position costs order-1 child searches
 * (`searchWord`), and those entries are the contexts of the next position. (A hash index over
 * (prefix, word) was 1.25× faster per lookup on Brown trigrams but cost ~0.25 s and 48 MB to build; the
 * searches need nothing built.) The formulas are the estimators' (same float operations in the same
 * order, so the same bits), inlined per smoothing in one monomorphic loop.
 */
import type { KneserNeyStats } from './estimators/kneser-ney-stats.js';
import type { ResolvedModelOptions } from './model-options.js';
import { BlockLookup, type Ranked } from './block-lookup.js';
import type { NgramCounts } from './ngram-counts.js';

const MLE = 0;
const LIDSTONE = 1;
const ABS = 2;
const WB = 3;
const KN = 4;
const SB = 5;

/**
 * `sumLog2Block`'s scratch, shared by every scorer (scoring is not re-entrant): a new model's first call
 * allocates nothing and touches no fresh pages (its own 2 MB of ranks and logs, and the sort's buffers, cost
 * ~1 ms per new model on Brown's held-out text).
 */
const scratch = {
  rankA: { rank: new Int32Array(0), entry: undefined, count: 0 } as Ranked,
  rankB: { rank: new Int32Array(0), entry: new Uint32Array(0), count: 0 } as Ranked,
  rankC: { rank: new Int32Array(0), entry: new Uint32Array(0), count: 0 } as Ranked,
  blockLog: new Float64Array(0),
  lookup: new BlockLookup(),
};

export class SentenceScorer {
  private readonly kind: number;
  private readonly n: number;
  /** E[t * (n + 1) + j]: the entry of the j-gram ending at position t (-1: unseen). */
  private entries = new Int32Array(0);
  private readonly gamma: number;
  private readonly vg: number;
  private readonly d: number;
  private readonly alpha: number;
  private readonly total1: number;

  constructor(
    private readonly c: NgramCounts,
    o: ResolvedModelOptions,
    private readonly kn?: KneserNeyStats,
  ) {
    const s = o.smoothing;
    this.kind =
      s === 'mle' ? MLE
      : s === 'laplace' || s === 'lidstone' ? LIDSTONE
      : s === 'absolute-discounting' ? ABS
      : s === 'witten-bell' || s === 'wb' ? WB
      : s === 'kneser-ney' || s === 'kn' ? KN
      : SB;
    this.n = c.order;
    this.gamma = s === 'laplace' ? 1 : o.gamma;
    this.vg = c.vocab.size * this.gamma;
    this.d = o.discount;
    this.alpha = o.alpha;
    this.total1 = c.total(1);
  }

  /**
   * `sumLog2` of each padded sentence `ids[ends[j-1]..ends[j])` (from 0) of a block, in order. For Lidstone
   * (Laplace) and MLE the lookups go first, order by order over the whole block, by sorting the block's
   * (context, word) pairs and merging them with the model's sorted entries (`BlockLookup`; a search per
   * n-gram cost ~120 ns on Brown under load, 3–5 dependent cache misses), the top order writing each position's
   * log score (computed once per distinct n-gram). Then the log scores are summed in NLTK's order: the same
   * values, added in the same order as `sumLog2`, so the same bits. With WebAssembly the whole block goes to the
   * kernel (`BlockLookup.sumLog2Kernel`: same values, same order) unless its keys are too wide for it.
   */
  sumLog2Block(ids: Uint32Array, ends: Uint32Array, count: number, acc: { sum: number; count: number }): void {
    const c = this.c;
    const n = this.n;
    if (this.kind !== LIDSTONE && this.kind !== MLE) {
      for (let j = 0, s = 0; j < count; j++) {
        this.sumLog2(ids, s, ends[j] - s, acc);
        s = ends[j];
      }
      return;
    }
    const lidstone = this.kind === LIDSTONE;
    if (n > 1 && scratch.lookup.sumLog2Kernel(c, ids, ends, count, lidstone, this.gamma, this.vg, acc)) return;
    const len = count > 0 ? ends[count - 1] : 0;
    if (scratch.rankA.rank.length < len) {
      const cap = Math.max(len, scratch.rankA.rank.length * 2);
      scratch.rankA.rank = new Int32Array(cap);
      scratch.rankB.rank = new Int32Array(cap);
      scratch.rankC.rank = new Int32Array(cap);
      scratch.blockLog = new Float64Array(cap);
    }
    // The (j-1)-gram ending at each position, as a rank among the block's entries of order j-1 (order 1: the word
    // ids); positions whose j-gram would cross a sentence start get ranks that are never read (a scored n-gram
    // and its contexts lie in its sentence).
    const wordRanks = scratch.rankA;
    for (let t = 0; t < len; t++) wordRanks.rank[t] = ids[t];
    wordRanks.count = c.vocab.idCount;
    let prev = wordRanks;
    let cur = scratch.rankB;
    for (let j = 2; j < n; j++) {
      scratch.lookup.childEntries(c, j - 1, prev, ids, cur, j - 1, len);
      [prev, cur] = [cur, prev === wordRanks ? scratch.rankC : prev];
    }
    const lg = scratch.blockLog;
    if (n > 1) scratch.lookup.topLog2(c, n - 1, prev, ids, lg, n - 1, len, lidstone, this.gamma, this.vg);
    else {
      for (let t = 0; t < len; t++) {
        const N = this.total1;
        const k = this.c.counts[0][ids[t]];
        const p = lidstone ? (k + this.gamma) / (N + this.vg) : N === 0 ? 0 : k / N;
        lg[t] = p === 0 ? -Infinity : Math.log(p) / Math.LN2;
      }
    }
    // Summed in NLTK's order: the same values added in the same order as `sumLog2`, so the same bits.
    let sum = acc.sum;
    let scored = 0;
    for (let j = 0, s = 0; j < count; j++) {
      const end = ends[j];
      for (let t = s + n - 1; t < end; t++) sum += lg[t];
      if (end - s >= n) scored += end - s - n + 1;
      s = end;
    }
    acc.sum = sum;
    acc.count += scored;
  }


  /**
   * Adds log2 of the score of each order-n n-gram of the padded sentence `ids[from..from+len)` to `acc.sum`, in
   * order (positions n-1..len-1, as NLTK sums them), and counts them in `acc.count`.
   */
  sumLog2(ids: Uint32Array, from: number, len: number, acc: { sum: number; count: number }): void {
    const n = this.n;
    const w1 = n + 1;
    if (this.entries.length < len * w1) this.entries = new Int32Array(Math.max(len * w1, this.entries.length * 2));
    const E = this.entries;
    const c = this.c;
    for (let t = 0; t < len; t++) {
      const w = ids[from + t];
      const row = t * w1;
      E[row + 1] = w;
      const maxJ = Math.min(n, t + 1);
      for (let j = 2; j <= maxJ; j++) {
        const prev = E[row - w1 + j - 1];
        E[row + j] = prev < 0 ? -1 : c.child(j - 1, prev, w);
      }
      if (t < n - 1) continue;
      const p = this.scoreAt(E, row, w, c);
      acc.sum += p === 0 ? -Infinity : Math.log(p) / Math.LN2;
      acc.count++;
    }
  }

  /** The score of the word `w` at the position of row `row` (its context rows are `row - (n+1)`). */
  private scoreAt(E: Int32Array, row: number, w: number, c: NgramCounts): number {
    const n = this.n;
    const len = n - 1;
    const prow = row - n - 1;
    switch (this.kind) {
      case MLE: {
        if (len === 0) return this.total1 === 0 ? 0 : c.counts[0][w] / this.total1;
        const idx = E[prow + len];
        if (idx < 0) return 0;
        const N = c.contextTotal[len - 1][idx];
        if (N === 0) return 0;
        const e = E[row + n];
        return (e < 0 ? 0 : c.counts[n - 1][e]) / N;
      }
      case LIDSTONE: {
        let count = 0;
        let N = 0;
        if (len === 0) {
          count = c.counts[0][w];
          N = this.total1;
        } else {
          const idx = E[prow + len];
          if (idx >= 0) {
            const e = E[row + n];
            count = e < 0 ? 0 : c.counts[n - 1][e];
            N = c.contextTotal[len - 1][idx];
          }
        }
        return (count + this.gamma) / (N + this.vg);
      }
      case WB: {
        let p = c.counts[0][w] / this.total1;
        for (let k = 1; k <= len; k++) {
          const idx = E[prow + k];
          if (idx < 0) continue;
          const cs = c.childStart[k - 1];
          const nPlus = cs[idx + 1] - cs[idx];
          if (nPlus === 0) continue;
          const N = c.contextTotal[k - 1][idx];
          const e = E[row + k + 1];
          const a = (e < 0 ? 0 : c.counts[k][e]) / N;
          const g = nPlus / (nPlus + N);
          p = (1.0 - g) * a + g * p;
        }
        return p;
      }
      case ABS: {
        const d = this.d;
        let p = c.counts[0][w] / this.total1;
        for (let k = 1; k <= len; k++) {
          const idx = E[prow + k];
          if (idx < 0) continue;
          const cs = c.childStart[k - 1];
          const nPlus = cs[idx + 1] - cs[idx];
          if (nPlus === 0) continue;
          const N = c.contextTotal[k - 1][idx];
          const e = E[row + k + 1];
          const a = Math.max((e < 0 ? 0 : c.counts[k][e]) - d, 0) / N;
          p = a + ((d * nPlus) / N) * p;
        }
        return p;
      }
      case KN: {
        const s = this.kn!;
        const d = this.d;
        let p = s.leftExt[0][w] / s.bigramTypes;
        for (let k = 1; k <= len; k++) {
          const idx = E[prow + k];
          if (idx < 0) continue;
          const cs = c.childStart[k - 1];
          const nPlus = cs[idx + 1] - cs[idx];
          if (nPlus === 0) continue;
          const e = E[row + k + 1];
          let count: number;
          let N: number;
          if (k === len) {
            count = e < 0 ? 0 : c.counts[k][e];
            N = c.contextTotal[k - 1][idx];
          } else {
            count = e < 0 ? 0 : s.leftExt[k][e];
            N = s.contTotal[k - 1][idx];
          }
          const a = Math.max(count - d, 0.0) / N;
          p = a + ((d * nPlus) / N) * p;
        }
        return p;
      }
      default: {
        // Stupid backoff: the longest context where the word was seen, times alpha per order backed off.
        let k = len;
        let p = 0;
        for (; k > 0; k--) {
          const idx = E[prow + k];
          if (idx < 0) continue;
          const e = E[row + k + 1];
          const count = e < 0 ? 0 : c.counts[k][e];
          if (count > 0) {
            p = count / c.contextTotal[k - 1][idx];
            break;
          }
        }
        if (k === 0) p = this.total1 === 0 ? 0 : c.counts[0][w] / this.total1;
        for (let b = k; b < len; b++) p = this.alpha * p;
        return p;
      }
    }
  }
}
