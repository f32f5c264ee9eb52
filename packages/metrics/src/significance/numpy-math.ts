/**
 * The two NumPy reductions sacreBLEU's significance code relies on, in NumPy's operation order so that
 * means (and the bootstrap p-value's centring) agree to the last bit:
 *   - `np.sum`/`np.mean` of a float64 vector: pairwise summation (8 accumulators, blocks of 128) run
 *     over chunks of the iterator's buffer size (8192), the chunk sums added left to right;
 *   - `estimate_ci` of sacreBLEU's significance.py: sort, mean, half-width of the [n//40, n-n//40-1] range.
 */

const PW_BLOCKSIZE = 128;
const BUFFER_SIZE = 8192;

/** NumPy's pairwise_sum (umath loops) over a[start, start + n). */
function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const p = start + i;
      r0 += a[p]; r1 += a[p + 1]; r2 += a[p + 2]; r3 += a[p + 3];
      r4 += a[p + 4]; r5 += a[p + 5]; r6 += a[p + 6]; r7 += a[p + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** `np.sum(a)` for a contiguous float64 vector (add.reduce: identity 0, then buffer-sized chunks). */
export function numpySum(a: ArrayLike<number>): number {
  let acc = 0;
  for (let start = 0; start < a.length; start += BUFFER_SIZE) {
    acc += pairwise(a, start, Math.min(BUFFER_SIZE, a.length - start));
  }
  return acc;
}

/** `np.mean(a)`. */
export function numpyMean(a: ArrayLike<number>): number {
  return numpySum(a) / a.length;
}

/**
 * sacreBLEU's `estimate_ci(scores)`: the mean of the scores and half the width of the range that
 * drops n//40 scores at each end (a 95 % interval). Sorts `scores` in place.
 */
export function estimateCi(scores: Float64Array): { mean: number; ci: number } {
  scores.sort();
  const n = scores.length;
  const lowerIdx = Math.floor(n / 40);
  const upperIdx = n - lowerIdx - 1;
  return { mean: numpyMean(scores), ci: 0.5 * (scores[upperIdx] - scores[lowerIdx]) };
}
