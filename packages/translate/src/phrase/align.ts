/**
 * Word alignment for phrase extraction: IBM Model 1 with fast_align's diagonal-favouring reparameterisation
 * (Dyer et al. 2013): target word j of an n-word sentence aligns to NULL with probability p0, otherwise to
 * source word i of m with a prior ∝ exp(−λ |i/m − j/n|), times the translation probability t(e|f). EM over
 * typed arrays: every (f, e) co-occurrence of the corpus gets one slot in a flat index built once, so each
 * iteration is a pass over Float64Arrays (λ is fixed, not re-estimated as fast_align optionally does).
 * `symmetrize` combines the two directions with grow-diag-final-and (Koehn et al. 2003).
 */
import type { IdCorpus } from './corpus.js';

export interface AlignOptions {
  /** EM iterations (default 5). */
  readonly iterations?: number;
  /** λ, the diagonal tension (fast_align's default 4). */
  readonly diagonalTension?: number;
  /** p0, the NULL alignment probability (fast_align's default 0.08). */
  readonly nullProbability?: number;
}

/**
 * Aligns every target word to a source position or −1 (NULL): `links[offsets[k] + j]` for target word j of
 * sentence k, offsets being the target corpus's.
 */
export function alignDirectional(source: IdCorpus, target: IdCorpus, options: AlignOptions = {}): Int32Array {
  const iterations = options.iterations ?? 5;
  const lambda = options.diagonalTension ?? 4;
  const p0 = options.nullProbability ?? 0.08;
  const K = source.length;
  const V = target.vocab.size;
  // Slots: for target word j of sentence k, (m + 1) slots: NULL then each source word.
  let slots = 0;
  for (let k = 0; k < K; k++) {
    const m = source.offsets[k + 1] - source.offsets[k];
    const n = target.offsets[k + 1] - target.offsets[k];
    slots += n * (m + 1);
  }
  const slotPair = new Int32Array(slots);
  const pairIds = new Map<number, number>();
  const pairF: number[] = [];
  let s = 0;
  for (let k = 0; k < K; k++) {
    const so = source.offsets[k];
    const m = source.offsets[k + 1] - so;
    for (let t = target.offsets[k]; t < target.offsets[k + 1]; t++) {
      const e = target.ids[t];
      for (let i = -1; i < m; i++) {
        const f = i < 0 ? 0 : source.ids[so + i];
        const key = f * V + e;
        let id = pairIds.get(key);
        if (id === undefined) {
          id = pairF.length;
          pairIds.set(key, id);
          pairF.push(f);
        }
        slotPair[s++] = id;
      }
    }
  }
  const P = pairF.length;
  const fOf = Int32Array.from(pairF);
  const prob = new Float64Array(P).fill(1 / V); // uniform t(e|f) to start
  const counts = new Float64Array(P);
  const totals = new Float64Array(source.vocab.size);
  const post = new Float64Array(256);
  const prior = new Float64Array(256);
  const links = new Int32Array(target.ids.length).fill(-1);
  for (let it = 0; it <= iterations; it++) {
    const last = it === iterations;
    counts.fill(0);
    s = 0;
    for (let k = 0; k < K; k++) {
      const m = source.offsets[k + 1] - source.offsets[k];
      const to = target.offsets[k];
      const n = target.offsets[k + 1] - to;
      if (post.length < m + 1) throw new RangeError(`sentence ${k + 1} is longer than 255 words`);
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
        if (last) {
          let best = 0;
          for (let i = 1; i <= m; i++) if (post[i] > post[best]) best = i;
          links[to + j] = best - 1;
        } else if (sum > 0) {
          for (let i = 0; i <= m; i++) counts[slotPair[s + i]] += post[i] / sum;
        }
        s += m + 1;
      }
    }
    if (last) break;
    totals.fill(0);
    for (let p = 0; p < P; p++) totals[fOf[p]] += counts[p];
    for (let p = 0; p < P; p++) prob[p] = totals[fOf[p]] > 0 ? counts[p] / totals[fOf[p]] : 0;
  }
  return links;
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
