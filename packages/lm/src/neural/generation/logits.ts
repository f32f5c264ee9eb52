/** In-place log-softmax of one row (float64 accumulation). */
export function logSoftmaxInPlace(row: Float32Array | Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i] - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < row.length; i++) row[i] -= lse;
}

/**
 * transformers' RepetitionPenaltyLogitsProcessor: every id already in `seen` (prompt included) has its score
 * divided by `penalty` when positive, multiplied when negative.
 */
export function applyRepetitionPenalty(row: Float32Array | Float64Array, seen: Iterable<number>, penalty: number): void {
  if (penalty === 1) return;
  for (const id of new Set(seen)) row[id] = row[id] < 0 ? row[id] * penalty : row[id] / penalty;
}

/** Index of the largest value; ties go to the lowest index (torch.argmax on CPU). */
export function argmax(row: ArrayLike<number>): number {
  // Float32Array, the logits' type, gets its own monomorphic loop: this runs over the vocabulary once per token.
  if (row instanceof Float32Array) return argmaxF32(row);
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

function argmaxF32(row: Float32Array): number {
  let best = 0;
  let max = row[0];
  for (let i = 1; i < row.length; i++) {
    const v = row[i];
    if (v > max) {
      max = v;
      best = i;
    }
  }
  return best;
}

export interface SamplingOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
}

/**
 * Samples one id from logits after temperature, top-k then top-p (transformers' warper order). `row` is not
 * modified; -Infinity entries (banned, forced away) are never drawn.
 *
 * Written for vocabularies of 50k+ ids, sampled once per token: no sort of the whole vocabulary. Plain
 * temperature sampling walks the ids in index order; top-k selects its k ids with a bounded insertion list;
 * top-p sorts only a candidate set (the ids above a threshold lowered until their mass reaches topP, a superset
 * of the nucleus). The kept ids are walked best first, ties by lower id.
 */
export function sampleToken(row: Float32Array | Float64Array, o: SamplingOptions, random: () => number): number {
  const t = o.temperature ?? 1;
  const n = row.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (row[i] > max) max = row[i];
  if (max === -Infinity) throw new RangeError('sampleToken: every logit is -Infinity');
  const k = o.topK !== undefined && o.topK > 0 ? Math.min(o.topK, n) : n;
  const topP = o.topP !== undefined && o.topP < 1 ? o.topP : 1;
  if (k === n && topP === 1) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp((row[i] - max) / t);
    let u = random() * sum;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const p = Math.exp((row[i] - max) / t);
      if (p === 0) continue;
      last = i;
      u -= p;
      if (u < 0) return i;
    }
    return last; // rounding left u a hair above 0
  }
  // Candidates, best first: the top k, or (top-p only) the ids whose weight is at least a threshold with enough mass.
  let cand: number[];
  let total = 0; // the mass top-p is a share of: all ids, or the top k
  if (k < n) cand = k <= 256 ? topIds(row, k) : Array.from({ length: n }, (_, i) => i).sort((a, b) => row[b] - row[a] || a - b).slice(0, k);
  else {
    for (let i = 0; i < n; i++) total += Math.exp((row[i] - max) / t);
    let tau = 0.5;
    for (;;) {
      cand = [];
      let mass = 0;
      const cut = Math.log(tau) * t + max; // weight exp((x - max) / t) >= tau  <=>  x >= cut
      for (let i = 0; i < n; i++) {
        if (row[i] >= cut) {
          cand.push(i);
          mass += Math.exp((row[i] - max) / t);
        }
      }
      if (mass >= topP * total || tau < 1e-300) break;
      tau *= 1 / 64;
    }
    cand.sort((a, b) => row[b] - row[a] || a - b);
  }
  const p = new Float64Array(cand.length);
  let sum = 0;
  for (let r = 0; r < cand.length; r++) sum += p[r] = Math.exp((row[cand[r]] - max) / t);
  if (k < n) total = sum;
  let keep = cand.length;
  if (topP < 1) {
    // The smallest prefix whose mass reaches topP (at least one token).
    let acc = 0;
    for (let r = 0; r < cand.length; r++) {
      acc += p[r] / total;
      if (acc >= topP) {
        keep = r + 1;
        break;
      }
    }
    sum = 0;
    for (let r = 0; r < keep; r++) sum += p[r];
  }
  let u = random() * sum;
  let last = 0;
  for (let r = 0; r < keep; r++) {
    if (p[r] === 0) continue;
    last = r;
    u -= p[r];
    if (u < 0) return cand[r];
  }
  return cand[last];
}

/** The ids of the k largest values, best first, ties by lower id (a bounded insertion list: k is small). */
function topIds(row: ArrayLike<number>, k: number): number[] {
  const ids = new Int32Array(k);
  let size = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (size === k && !(v > row[ids[k - 1]])) continue;
    let j = size < k ? size++ : k - 1;
    while (j > 0 && row[ids[j - 1]] < v) {
      ids[j] = ids[j - 1];
      j--;
    }
    ids[j] = i;
  }
  return Array.from(ids.subarray(0, size));
}

/**
 * transformers' NoBadWordsLogitsProcessor for one row: a one-token entry is always banned; a longer one bans its
 * last token when `seq` (decoder start included) ends with the entry's other tokens.
 */
export function banBadWords(row: Float32Array | Float64Array, seq: readonly number[], badWords: readonly (readonly number[])[]): void {
  for (const bad of badWords) {
    const n = bad.length - 1;
    if (n > seq.length) continue;
    let match = true;
    for (let i = 0; i < n && match; i++) match = seq[seq.length - n + i] === bad[i];
    if (match) row[bad[n]] = -Infinity;
  }
}

/** transformers' ForcedBOS/ForcedEOS processors: every score -Infinity except the forced ids, which get 0. */
export function forceTokens(row: Float32Array | Float64Array, ids: readonly number[]): void {
  row.fill(-Infinity);
  for (const id of ids) row[id] = 0;
}

/** log-softmax of `row` at `index` only (float64 accumulation, the same value `logSoftmaxInPlace` gives there), without copying the row. */
export function logSoftmaxAt(row: ArrayLike<number>, index: number): number {
  return row[index] - logSumExp(row);
}

/** log(sum(exp(row))) in float64, max-shifted. */
export function logSumExp(row: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i] - max);
  return max + Math.log(sum);
}
