/**
 * Stupid backoff (Brants et al. 2007), as NLTK's `StupidBackoff(alpha=0.4)`: the relative frequency at
 * the longest context where the word was seen, times alpha per order backed off. A *score*, not a
 * probability: the scores after a context do not sum to 1, so perplexity over it is not a perplexity.
 */
import type { NgramCounts } from '../ngram-counts.js';
import { childCount, type Estimator } from './estimator.js';

export class StupidBackoffEstimator implements Estimator {
  constructor(
    readonly counts: NgramCounts,
    readonly alpha: number,
  ) {}
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number {
    const c = this.counts;
    let k = len;
    let p = 0;
    for (; k > 0; k--) {
      const idx = c.find(ctx, from + len - k, k);
      if (idx < 0) continue;
      const count = childCount(c, k, idx, word);
      if (count > 0) {
        p = count / c.contextTotal[k - 1][idx];
        break;
      }
    }
    if (k === 0) {
      const n = c.total(1);
      p = n === 0 ? 0 : c.counts[0][word] / n;
    }
    // alpha * (alpha * p), innermost first, as NLTK's recursion multiplies.
    for (let b = k; b < len; b++) p = this.alpha * p;
    return p;
  }
}
