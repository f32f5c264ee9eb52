/**
 * The estimator contract: the probability (or score) of a word id after a context of word ids, read from
 * `NgramCounts`. `ctx[from..from+len)` is the context, oldest word first, `len` <= order-1 (the model
 * checks). Estimators are NLTK 3.8's `unmasked_score`: ids are already looked up (OOV → `<UNK>`).
 */
import type { NgramCounts } from '../ngram-counts.js';

export interface Estimator {
  readonly counts: NgramCounts;
  score(ctx: ArrayLike<number>, from: number, len: number, word: number): number;
}

/** The count of `word` after order-k context entry `idx`, 0 if unseen. */
export function childCount(c: NgramCounts, k: number, idx: number, word: number): number {
  const j = c.child(k, idx, word);
  return j < 0 ? 0 : c.counts[k][j];
}
