/**
 * `TopK`: the k largest scores seen, as a min-heap in two typed arrays (no objects per candidate).
 * A candidate costs one comparison unless it beats the current k-th best. Among equal scores the lower
 * index wins, so results do not depend on the scan order.
 */
export class TopK {
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.ids = new Int32Array(Math.max(k, 1));
    this.scores = new Float64Array(Math.max(k, 1));
  }

  reset(): void {
    this.size = 0;
  }

  /** The score a candidate must beat to enter (-Infinity while not full). */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  push(id: number, score: number): void {
    const { ids, scores, k } = this;
    if (k === 0 || score !== score) return; // NaN (a zero vector) never ranks
    if (this.size < k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (worse(scores[p], ids[p], score, id)) break;
        scores[i] = scores[p];
        ids[i] = ids[p];
        i = p;
      }
      scores[i] = score;
      ids[i] = id;
      return;
    }
    if (!worse(scores[0], ids[0], score, id)) return;
    // Replace the root and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && worse(scores[r], ids[r], scores[l], ids[l]) ? r : l;
      if (!worse(scores[c], ids[c], score, id)) break;
      scores[i] = scores[c];
      ids[i] = ids[c];
      i = c;
    }
    scores[i] = score;
    ids[i] = id;
  }

  /** The entries, best first, as [id, score] index order into `ids`/`scores` copies. */
  sorted(): { ids: Int32Array; scores: Float64Array } {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (worse(this.scores[a], this.ids[a], this.scores[b], this.ids[b]) ? 1 : -1));
    return { ids: Int32Array.from(order, (i) => this.ids[i]), scores: Float64Array.from(order, (i) => this.scores[i]) };
  }
}

/** Whether (s1, id1) ranks below (s2, id2): a lower score, or the same score and a higher index. */
function worse(s1: number, id1: number, s2: number, id2: number): boolean {
  return s1 < s2 || (s1 === s2 && id1 > id2);
}
