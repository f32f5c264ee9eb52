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
