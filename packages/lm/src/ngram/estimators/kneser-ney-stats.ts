/**
 * Continuation counts for NLTK's Kneser–Ney, computed once in O(n-grams):
 * - `leftExt[k-1][j]`: N1+(• g) for order-k entry g (k = 1..order-1): how many distinct words precede g,
 *   i.e. how many order-(k+1) n-grams end with g;
 * - `contTotal[k-1][j]`: N1+(• g •) for order-k context g (k = 1..order-2): the sum of `leftExt` over g's
 *   continuations (NLTK's `_continuation_counts` total);
 * - `bigramTypes`: the unigram denominator (NLTK sums distinct continuations over every bigram context).
 */
import type { NgramCounts } from '../ngram-counts.js';

export class KneserNeyStats {
  readonly leftExt: Float64Array[] = [];
  readonly contTotal: Float64Array[] = [];
  readonly bigramTypes: number;

  constructor(c: NgramCounts) {
    const n = c.order;
    for (let k = 1; k < n; k++) this.leftExt.push(new Float64Array(c.counts[k - 1].length));
    // suffix[j]: the order-(k-1) entry of the last k-1 words of order-k entry j, built one order at a time.
    let prevSuffix: Uint32Array | undefined;
    for (let k = 2; k <= n; k++) {
      const words = c.words[k - 1];
      const suffix = k === 2 ? words : suffixes(c, k, prevSuffix!);
      const ext = this.leftExt[k - 2];
      for (let j = 0; j < suffix.length; j++) if (c.counts[k - 1][j] > 0) ext[suffix[j]]++;
      prevSuffix = suffix;
    }
    this.bigramTypes = n >= 2 ? c.distinctCount(2) : 0;
    for (let k = 1; k <= n - 2; k++) {
      const tot = new Float64Array(c.counts[k - 1].length);
      const par = c.parents[k];
      const ext = this.leftExt[k];
      for (let j = 0; j < par.length; j++) tot[par[j]] += ext[j];
      this.contTotal.push(tot);
    }
  }
}

/**
 * The suffix entries of the order-k entries (k >= 3): the entry of (w2..wk) among the continuations of the
 * suffix of (w1..wk-1). Entries with the same prefix are consecutive with ascending last words, so each
 * search gallops forward from the previous hit instead of searching the whole continuation range (a hot
 * context's suffix has 10k+ continuations); every suffix was counted too, so it is always found.
 */
function suffixes(c: NgramCounts, k: number, prevSuffix: Uint32Array): Uint32Array {
  const words = c.words[k - 1];
  const parents = c.parents[k - 1];
  const lower = c.words[k - 2];
  const start = c.childStart[k - 3];
  const out = new Uint32Array(words.length);
  let lastParent = -1;
  let pos = 0;
  let end = 0;
  for (let j = 0; j < words.length; j++) {
    const p = parents[j];
    if (p !== lastParent) {
      const base = prevSuffix[p];
      pos = start[base];
      end = start[base + 1];
      lastParent = p;
    }
    const w = words[j];
    // Gallop: [pos + step/2, pos + step] brackets w, then halve.
    let step = 1;
    while (pos + step < end && lower[pos + step] < w) step *= 2;
    let lo = pos + (step >>> 1);
    let hi = Math.min(pos + step, end - 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lower[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    out[j] = lo;
    pos = lo;
  }
  return out;
}
