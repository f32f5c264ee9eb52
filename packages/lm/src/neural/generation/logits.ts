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
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

export interface SamplingOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
}

/**
 * Samples one id from logits after temperature, top-k then top-p (transformers' warper order).
 * `row` is not modified.
 */
export function sampleToken(row: Float32Array, o: SamplingOptions, random: () => number): number {
  const t = o.temperature ?? 1;
  const n = row.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => row[b] - row[a] || a - b);
  let keep = o.topK && o.topK > 0 ? Math.min(o.topK, n) : n;
  const max = row[order[0]] / t;
  const p = new Float64Array(keep);
  let sum = 0;
  for (let r = 0; r < keep; r++) sum += p[r] = Math.exp(row[order[r]] / t - max);
  if (o.topP !== undefined && o.topP < 1) {
    // Keep the smallest prefix whose mass reaches topP (at least one token).
    let acc = 0;
    for (let r = 0; r < keep; r++) {
      acc += p[r] / sum;
      if (acc >= o.topP) {
        keep = r + 1;
        break;
      }
    }
    sum = 0;
    for (let r = 0; r < keep; r++) sum += p[r];
  }
  let u = random() * sum;
  for (let r = 0; r < keep; r++) {
    u -= p[r];
    if (u <= 0) return order[r];
  }
  return order[keep - 1];
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
