/**
 * `NgramCounts`: the counted n-grams of a corpus (a `TrieData`) with its vocabulary, and the queries
 * NLTK's `NgramCounter` answers. Ids in, numbers out for the estimators (`find`, `childRange`,
 * `contextTotal`); strings in for users (`count`, `countOf`), with NLTK's semantics: counts are of the
 * masked text, and a query word is *not* mapped to the unknown label (NLTK's `counts['rare']` is 0 even
 * when the rare word was counted as `<UNK>`).
 */
import { OrderError } from '../errors.js';
import type { TrieData } from './trie-data.js';
import type { NgramVocabulary } from './vocabulary.js';

export class NgramCounts {
  readonly order: number;
  /** counts[k-1][j]: the count of order-k entry j (order 1: j is the word id). */
  readonly counts: readonly Float64Array[];
  /** words[k-1][j]: the last word id of order-k entry j (order 1: empty). */
  readonly words: readonly Uint32Array[];
  /** parents[k-1][j]: the order-(k-1) prefix entry of order-k entry j (order 1: empty). */
  readonly parents: readonly Uint32Array[];
  /** childStart[k-1][j]..childStart[k-1][j+1]: the order-(k+1) entries continuing order-k entry j (k < order). */
  readonly childStart: readonly Uint32Array[];
  /** contextTotal[k-1][j]: the sum of the counts of entry j's continuations (NLTK's `counts[context].N()`). */
  readonly contextTotal: readonly Float64Array[];
  private readonly totals: Float64Array;
  private readonly distinct: Float64Array;

  constructor(
    data: TrieData,
    readonly vocab: NgramVocabulary,
  ) {
    this.order = data.order;
    this.counts = data.counts;
    this.words = data.words;
    this.parents = data.parents;
    const childStart: Uint32Array[] = [];
    const contextTotal: Float64Array[] = [];
    for (let k = 1; k < this.order; k++) {
      const n = data.counts[k - 1].length;
      const given = data.childStart?.[k - 1];
      const givenTotal = data.contextTotal?.[k - 1];
      if (given !== undefined && givenTotal !== undefined && given.length === n + 1 && givenTotal.length === n) {
        childStart.push(given);
        contextTotal.push(givenTotal);
        continue;
      }
      const par = data.parents[k];
      const cnt = data.counts[k];
      const start = new Uint32Array(n + 1);
      const tot = new Float64Array(n);
      for (let j = 0; j < par.length; j++) {
        start[par[j] + 1]++;
        tot[par[j]] += cnt[j];
      }
      for (let i = 0; i < n; i++) start[i + 1] += start[i];
      childStart.push(start);
      contextTotal.push(tot);
    }
    this.childStart = childStart;
    this.contextTotal = contextTotal;
    this.totals = new Float64Array(this.order);
    this.distinct = new Float64Array(this.order);
    for (let k = 1; k <= this.order; k++) {
      const c = data.counts[k - 1];
      let t = 0;
      let d = 0;
      for (let j = 0; j < c.length; j++) {
        t += c[j];
        if (c[j] > 0) d++;
      }
      this.totals[k - 1] = t;
      this.distinct[k - 1] = d;
    }
  }

  /**
   * The entry index of the n-gram `ids[from..from+len)` at order `len`, or -1 if it was never counted.
   * Order 1 always answers the word id (its count may be 0).
   */
  find(ids: ArrayLike<number>, from: number, len: number): number {
    let idx = ids[from];
    for (let k = 2; k <= len && idx >= 0; k++) {
      const start = this.childStart[k - 2];
      idx = searchWord(this.words[k - 1], start[idx], start[idx + 1], ids[from + k - 1]);
    }
    return idx;
  }

  /** The continuation entries of order-k entry `idx`, as [start, end) at order k+1 (k < order). */
  childRange(k: number, idx: number): [number, number] {
    const s = this.childStart[k - 1];
    return [s[idx], s[idx + 1]];
  }

  /** The entry of `word` among the continuations of order-k entry `idx`, or -1. */
  child(k: number, idx: number, word: number): number {
    const s = this.childStart[k - 1];
    return searchWord(this.words[k], s[idx], s[idx + 1], word);
  }

  /** The word ids of order-k entry `idx`, first word first. */
  ngramIds(k: number, idx: number): number[] {
    const out = new Array<number>(k);
    for (let o = k; o >= 2; o--) {
      out[o - 1] = this.words[o - 1][idx];
      idx = this.parents[o - 1][idx];
    }
    out[0] = idx;
    return out;
  }

  /** The words of order-k entry `idx`. */
  ngram(k: number, idx: number): string[] {
    return this.ngramIds(k, idx).map((id) => this.vocab.words[id]);
  }

  /**
   * How many times `ngram` (1..order words) was counted: NLTK's `counts[ngram[:-1]][ngram[-1]]`, or
   * `counts[word]` for one word. Words are not mapped to the unknown label (ask for `<UNK>` itself).
   * @example counts.count(['the', 'jury']) // 3
   */
  count(ngram: readonly string[]): number {
    const k = this.checkOrder(ngram.length);
    const ids = new Array<number>(k);
    for (let i = 0; i < k; i++) {
      const id = this.vocab.idOf(ngram[i]);
      if (id === undefined) return 0;
      ids[i] = id;
    }
    const idx = this.find(ids, 0, k);
    return idx < 0 ? 0 : this.counts[k - 1][idx];
  }

  /** The unigram count of `word` (NLTK's `counts[word]`; not mapped to the unknown label). */
  countOf(word: string): number {
    return this.count([word]);
  }

  /** Number of distinct n-grams of order `k` counted (NLTK: `len(counts.unigrams)` for k = 1). */
  distinctCount(k: number): number {
    return this.distinct[this.checkOrder(k) - 1];
  }

  /** Sum of the counts of order `k` (NLTK's `counts[k].N()`). */
  total(k: number): number {
    return this.totals[this.checkOrder(k) - 1];
  }

  /** Every counted n-gram of order `k` with its count, in lexicographic (code-point) order. */
  *entries(k: number): IterableIterator<[string[], number]> {
    const c = this.counts[this.checkOrder(k) - 1];
    for (let j = 0; j < c.length; j++) if (c[j] > 0) yield [this.ngram(k, j), c[j]];
  }

  private checkOrder(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > this.order) throw new OrderError(k, this.order);
    return k;
  }
}

/**
 * Search for `word` in the sorted `words[lo..hi)`; the index or -1. Word ids are spread over [0, V) in a
 * context's continuations, so interpolation steps narrow a large range (a frequent context: 10k+ words) in 2–4
 * reads where a binary search takes 12–15 dependent reads; a step that does not shrink the range enough
 * falls back to halving, as do short ranges and any range after six interpolation steps.
 */
export function searchWord(words: Uint32Array, lo: number, hi: number, word: number): number {
  // At most 6 interpolation steps (skewed id ranges could make each one shrink the range by little).
  for (let step = 0; step < 6 && hi - lo > 32; step++) {
    const a = words[lo];
    const b = words[hi - 1];
    if (word < a || word > b) return -1;
    if (a === b) return word === a ? lo : -1;
    // Guess the position by linear interpolation, then check it and halve around it.
    const mid = lo + Math.floor(((word - a) / (b - a + 1)) * (hi - lo));
    const w = words[mid];
    if (w === word) return mid;
    if (w < word) {
      lo = mid + 1;
      const probe = Math.min(hi - 1, mid + 16);
      if (words[probe] >= word) hi = probe + 1;
    } else {
      hi = mid;
      const probe = Math.max(lo, mid - 16);
      if (words[probe] <= word) lo = probe;
    }
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const w = words[mid];
    if (w < word) lo = mid + 1;
    else if (w > word) hi = mid;
    else return mid;
  }
  return -1;
}
