/** NLTK's `MLE` and `Lidstone`/`Laplace`: relative frequency, and add-gamma over NLTK's `len(vocab)`. */
import type { NgramCounts } from '../ngram-counts.js';
import { childCount, type Estimator } from './estimator.js';

/** NLTK `MLE`: count / context total; 0 for an unseen context (NLTK's `FreqDist.freq` on an empty dist). */
export class MleEstimator implements Estimator {
  constructor(readonly counts: NgramCounts) {}
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number {
    const c = this.counts;
    if (len === 0) {
      const n = c.total(1);
      return n === 0 ? 0 : c.counts[0][word] / n;
    }
    const idx = c.find(ctx, from, len);
    if (idx < 0) return 0;
    const n = c.contextTotal[len - 1][idx];
    return n === 0 ? 0 : childCount(c, len, idx, word) / n;
  }
}

/** NLTK `Lidstone(gamma)` (`Laplace` is gamma 1): (count + gamma) / (total + len(vocab) * gamma). */
export class LidstoneEstimator implements Estimator {
  private readonly vocabSize: number;
  constructor(
    readonly counts: NgramCounts,
    readonly gamma: number,
  ) {
    this.vocabSize = counts.vocab.size;
  }
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number {
    const c = this.counts;
    let count = 0;
    let n = 0;
    if (len === 0) {
      count = c.counts[0][word];
      n = c.total(1);
    } else {
      const idx = c.find(ctx, from, len);
      if (idx >= 0) {
        count = childCount(c, len, idx, word);
        n = c.contextTotal[len - 1][idx];
      }
    }
    return (count + this.gamma) / (n + this.vocabSize * this.gamma);
  }
}
