/**
 * Word alignment for phrase extraction: IBM Model 1 with fast_align's diagonal-favouring reparameterisation
 * (Dyer et al. 2013): target word j of an n-word sentence aligns to NULL with probability p0, otherwise to
 * source word i of m with a prior ∝ exp(−λ |i/m − j/n|), times the translation probability t(e|f). EM over
 * typed arrays: every (f, e) co-occurrence of a chunk gets one slot in a flat index, so each iteration is a
 * pass over Float64Arrays (λ is fixed, not re-estimated as fast_align optionally does). The corpus can come in
 * chunks (`DirectionalAligner`), re-read for every iteration, so it need not fit in memory.
 * `symmetrize` combines the two directions with grow-diag-final-and (Koehn et al. 2003).
 */
import { PairIndex, type IdCorpus } from './corpus.js';

export interface AlignOptions {
  /** EM iterations (default 5). */
  readonly iterations?: number;
  /** λ, the diagonal tension (fast_align's default 4). */
  readonly diagonalTension?: number;
  /** p0, the NULL alignment probability (fast_align's default 0.08). */
  readonly nullProbability?: number;
}

/**
 * IBM Model 1 with the diagonal prior, one direction, fed a corpus chunk by chunk so the corpus need not be
 * in memory: `slots` indexes a chunk's (target word, NULL or source word) pairs into the model's pair table,
 * `accumulate` adds a chunk's E-step counts, `maximize` ends an EM iteration, `viterbi` gives a chunk's best
 * links. Only the pair table (one entry per co-occurring word pair) grows with the corpus. Feeding the whole
 * corpus as one chunk and as many chunks gives identical numbers (same additions in the same order).
 */
export class DirectionalAligner {
  readonly iterations: number;
  private readonly lambda: number;
  private readonly p0: number;
  private readonly pairIds = new PairIndex();
  private pairs = 0;
  private fOf = new Int32Array(1024);
  private prob = new Float64Array(1024);
  private counts = new Float64Array(1024);
  private post = new Float64Array(256);
  private prior = new Float64Array(256);

  constructor(options: AlignOptions = {}) {
    this.iterations = options.iterations ?? 5;
    this.lambda = options.diagonalTension ?? 4;
    this.p0 = options.nullProbability ?? 0.08;
  }

  /** Per target word of each sentence, (m + 1) slots: NULL then each source word; unseen pairs start uniform. */
  slots(source: IdCorpus, target: IdCorpus): Int32Array {
    let total = 0;
    for (let k = 0; k < source.length; k++) total += (target.offsets[k + 1] - target.offsets[k]) * (source.offsets[k + 1] - source.offsets[k] + 1);
    const slotPair = new Int32Array(total);
    let s = 0;
    for (let k = 0; k < source.length; k++) {
      const so = source.offsets[k];
      const m = source.offsets[k + 1] - so;
      if (m + 1 > this.post.length) throw new RangeError(`sentence ${k + 1} is longer than ${this.post.length - 1} words`);
      for (let t = target.offsets[k]; t < target.offsets[k + 1]; t++) {
        const e = target.ids[t];
        for (let i = -1; i < m; i++) {
          const f = i < 0 ? 0 : source.ids[so + i];
          const id = this.pairIds.id(f, e);
          if (id === this.pairs) this.addPair(f);
          slotPair[s++] = id;
        }
      }
    }
    return slotPair;
  }

  /** E-step counts of one chunk (its `slots`). */
  accumulate(source: IdCorpus, target: IdCorpus, slotPair: Int32Array): void {
    this.walk(source, target, slotPair, null);
  }

  /** Ends an EM iteration: t(e|f) = count(f, e) / count(f), and the counts start again from 0. */
  maximize(): void {
    let maxF = 0;
    for (let p = 0; p < this.pairs; p++) if (this.fOf[p] > maxF) maxF = this.fOf[p];
    const totals = new Float64Array(maxF + 1);
    for (let p = 0; p < this.pairs; p++) totals[this.fOf[p]] += this.counts[p];
    for (let p = 0; p < this.pairs; p++) this.prob[p] = totals[this.fOf[p]] > 0 ? this.counts[p] / totals[this.fOf[p]] : 0;
    this.counts.fill(0);
  }

  /** Each target word's best source position (−1: NULL), `links[target.offsets[k] + j]`, for one chunk. */
  viterbi(source: IdCorpus, target: IdCorpus, slotPair: Int32Array): Int32Array {
    const links = new Int32Array(target.ids.length).fill(-1);
    this.walk(source, target, slotPair, links);
    return links;
  }

  /**
   * Each target word's alignment scores (NULL first) into `post`; then its E-step counts (`links` null) or its
   * best link. One loop for both, with a branch rather than a callback, which V8 would not inline here.
   */
  private walk(source: IdCorpus, target: IdCorpus, slotPair: Int32Array, links: Int32Array | null): void {
    const { lambda, p0, prob, counts, post, prior } = this;
    let s = 0;
    for (let k = 0; k < source.length; k++) {
      const m = source.offsets[k + 1] - source.offsets[k];
      const to = target.offsets[k];
      const n = target.offsets[k + 1] - to;
      for (let j = 0; j < n; j++) {
        // Diagonal prior over source positions.
        let z = 0;
        for (let i = 0; i < m; i++) {
          const h = Math.exp(-lambda * Math.abs((i + 1) / m - (j + 1) / n));
          prior[i] = h;
          z += h;
        }
        let sum = p0 * prob[slotPair[s]];
        post[0] = sum;
        for (let i = 0; i < m; i++) {
          const v = (1 - p0) * (prior[i] / z) * prob[slotPair[s + 1 + i]];
          post[i + 1] = v;
          sum += v;
        }
        if (links) {
          let best = 0;
          for (let i = 1; i <= m; i++) if (post[i] > post[best]) best = i;
          links[to + j] = best - 1;
        } else if (sum > 0) {
          for (let i = 0; i <= m; i++) counts[slotPair[s + i]] += post[i] / sum;
        }
        s += m + 1;
      }
    }
  }

  private addPair(f: number): void {
    const id = this.pairs++;
    if (id === this.prob.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.fOf = grow(this.fOf);
      this.prob = grow(this.prob);
      this.counts = grow(this.counts);
    }
    this.fOf[id] = f;
    // Uniform start; its value cancels in the first E-step's posteriors.
    this.prob[id] = 1;
  }
}

/**
 * Aligns every target word to a source position or −1 (NULL): `links[offsets[k] + j]` for target word j of
 * sentence k, offsets being the target corpus's. The whole corpus as one chunk of `DirectionalAligner`.
 */
export function alignDirectional(source: IdCorpus, target: IdCorpus, options: AlignOptions = {}): Int32Array {
  const aligner = new DirectionalAligner(options);
  const slots = aligner.slots(source, target);
  for (let it = 0; it < aligner.iterations; it++) {
    aligner.accumulate(source, target, slots);
    aligner.maximize();
  }
  return aligner.viterbi(source, target, slots);
}

/**
 * grow-diag-final-and of the two directional alignments of sentence pair k, as a list of (i, j) links
 * (source position, target position) in a flat Int32Array [i0, j0, i1, j1, …].
 * `s2t[to + j]` is target word j's source position (or −1); `t2s[so + i]` source word i's target position.
 */
export function symmetrize(m: number, n: number, s2t: ArrayLike<number>, to: number, t2s: ArrayLike<number>, so: number): Int32Array {
  const a = new Uint8Array(m * n); // 1 = in alignment
  const union = new Uint8Array(m * n);
  for (let j = 0; j < n; j++) {
    const i = s2t[to + j];
    if (i >= 0) union[i * n + j] = 1;
  }
  for (let i = 0; i < m; i++) {
    const j = t2s[so + i];
    if (j >= 0) {
      if (union[i * n + j] === 1) a[i * n + j] = 1; // intersection
      union[i * n + j] = 1;
    }
  }
  const srcAligned = new Uint8Array(m);
  const tgtAligned = new Uint8Array(n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (a[i * n + j]) srcAligned[i] = tgtAligned[j] = 1;
  // grow-diag
  let added = true;
  while (added) {
    added = false;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        if (!a[i * n + j]) continue;
        for (let di = -1; di <= 1; di++) {
          for (let dj = -1; dj <= 1; dj++) {
            if (di === 0 && dj === 0) continue;
            const ii = i + di;
            const jj = j + dj;
            if (ii < 0 || jj < 0 || ii >= m || jj >= n) continue;
            if (a[ii * n + jj] || !union[ii * n + jj]) continue;
            if (!srcAligned[ii] || !tgtAligned[jj]) {
              a[ii * n + jj] = 1;
              srcAligned[ii] = tgtAligned[jj] = 1;
              added = true;
            }
          }
        }
      }
    }
  }
  // final-and: union links whose both words are still unaligned
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      if (union[i * n + j] && !a[i * n + j] && !srcAligned[i] && !tgtAligned[j]) {
        a[i * n + j] = 1;
        srcAligned[i] = tgtAligned[j] = 1;
      }
    }
  }
  let count = 0;
  for (let x = 0; x < m * n; x++) count += a[x];
  const out = new Int32Array(2 * count);
  let p = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      if (a[i * n + j]) {
        out[p++] = i;
        out[p++] = j;
      }
    }
  }
  return out;
}
