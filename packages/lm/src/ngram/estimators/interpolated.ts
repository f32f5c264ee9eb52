/**
 * NLTK's interpolated models (`InterpolatedLanguageModel.unmasked_score`):
 *   p(w | ctx) = alpha(w, ctx) + gamma(ctx) * p(w | ctx[1:]),  p(w | ()) = unigram_score(w),
 * where a context never seen with a continuation uses alpha = 0, gamma = 1 (plain backoff). Computed here
 * bottom-up (shortest context first) with the same operations, so the floats are NLTK's bit for bit.
 *
 * - Witten–Bell: alpha = (1 - gamma) * c/N, gamma = N1+(ctx •) / (N1+(ctx •) + N); unigram c/N.
 * - Absolute discounting (discount d, NLTK default 0.75): alpha = max(c - d, 0)/N, gamma = d * N1+(ctx •)/N.
 * - Kneser–Ney (NLTK default d = 0.1): like absolute discounting at the highest order (len(ctx) + 1 = order)
 *   on raw counts; below it, NLTK's continuation counts: c = N1+(• ctx w), N = N1+(• ctx •), but gamma
 *   keeps NLTK's numerator d * N1+(ctx •) (raw continuations of ctx). Unigram: N1+(• w) / (bigram types).
 *   The continuation counts are precomputed once (`KneserNeyStats`); NLTK rescans every n-gram per query.
 */
import type { NgramCounts } from '../ngram-counts.js';
import { childCount, type Estimator } from './estimator.js';
import { KneserNeyStats } from './kneser-ney-stats.js';

function unigramFreq(c: NgramCounts, word: number): number {
  return c.counts[0][word] / c.total(1);
}

export class WittenBellEstimator implements Estimator {
  constructor(readonly counts: NgramCounts) {}
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number {
    const c = this.counts;
    let p = unigramFreq(c, word);
    for (let k = 1; k <= len; k++) {
      const idx = c.find(ctx, from + len - k, k);
      if (idx < 0) continue;
      const nPlus = c.childStart[k - 1][idx + 1] - c.childStart[k - 1][idx];
      if (nPlus === 0) continue;
      const n = c.contextTotal[k - 1][idx];
      const alpha = childCount(c, k, idx, word) / n;
      const gamma = nPlus / (nPlus + n);
      p = (1.0 - gamma) * alpha + gamma * p;
    }
    return p;
  }
}

export class AbsoluteDiscountingEstimator implements Estimator {
  constructor(
    readonly counts: NgramCounts,
    readonly discount: number,
  ) {}
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number {
    const c = this.counts;
    const d = this.discount;
    let p = unigramFreq(c, word);
    for (let k = 1; k <= len; k++) {
      const idx = c.find(ctx, from + len - k, k);
      if (idx < 0) continue;
      const nPlus = c.childStart[k - 1][idx + 1] - c.childStart[k - 1][idx];
      if (nPlus === 0) continue;
      const n = c.contextTotal[k - 1][idx];
      const alpha = Math.max(childCount(c, k, idx, word) - d, 0) / n;
      p = alpha + ((d * nPlus) / n) * p;
    }
    return p;
  }
}

export class KneserNeyEstimator implements Estimator {
  readonly stats: KneserNeyStats;
  constructor(
    readonly counts: NgramCounts,
    readonly discount: number,
  ) {
    this.stats = new KneserNeyStats(counts);
  }
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number {
    const c = this.counts;
    const s = this.stats;
    const d = this.discount;
    const top = c.order - 1;
    let p = s.leftExt[0][word] / s.bigramTypes;
    for (let k = 1; k <= len; k++) {
      const idx = c.find(ctx, from + len - k, k);
      if (idx < 0) continue;
      const nPlus = c.childStart[k - 1][idx + 1] - c.childStart[k - 1][idx];
      if (nPlus === 0) continue;
      let count: number;
      let n: number;
      if (k === top) {
        count = childCount(c, k, idx, word);
        n = c.contextTotal[k - 1][idx];
      } else {
        const j = c.child(k, idx, word);
        count = j < 0 ? 0 : s.leftExt[k][j];
        n = s.contTotal[k - 1][idx];
      }
      const alpha = Math.max(count - d, 0.0) / n;
      p = alpha + ((d * nPlus) / n) * p;
    }
    return p;
  }
}
