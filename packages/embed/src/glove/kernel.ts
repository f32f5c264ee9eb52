/**
 * The GloVe hot loop: one AdaGrad step per co-occurrence record, exactly as glove.c's glove_thread.
 * Weights W hold 2V rows of dim + 1 float64s (word rows 0..V-1, then context rows; the bias last in
 * each row); `gradsq` the matching sums of squared gradients. Typed arrays in, the summed cost out.
 */

export interface KernelParams {
  dim: number;
  vocabSize: number;
  xMax: number;
  alpha: number;
  eta: number;
  gradClip: number;
}

/**
 * Trains on `count` CREC records (`ints`: word1 at 4k, word2 at 4k + 1; `reals`: value at 2k + 1).
 * Returns Σ ½·f(x)·(wᵀc + b + b̃ − log x)².
 */
export function trainRecords(
  W: Float64Array,
  gradsq: Float64Array,
  ints: Int32Array,
  reals: Float64Array,
  count: number,
  p: KernelParams,
): number {
  const dim = p.dim;
  const row = dim + 1;
  const V = p.vocabSize;
  const { xMax, alpha, eta } = p;
  const clip = p.gradClip;
  let cost = 0;
  for (let r = 0; r < count; r++) {
    const w1 = ints[4 * r]!;
    const w2 = ints[4 * r + 1]!;
    if (w1 < 1 || w2 < 1) continue;
    const x = reals[2 * r + 1]!;
    const l1 = (w1 - 1) * row;
    const l2 = (w2 - 1 + V) * row;
    let diff = 0;
    for (let b = 0; b < dim; b++) diff += W[l1 + b]! * W[l2 + b]!;
    diff += W[l1 + dim]! + W[l2 + dim]! - Math.log(x);
    let fdiff = x > xMax ? diff : Math.pow(x / xMax, alpha) * diff;
    if (!Number.isFinite(diff) || !Number.isFinite(fdiff)) continue; // glove.c skips such records
    cost += 0.5 * fdiff * diff;
    // One pass per component: component b of each update reads only component b of the other
    // vector, so updating in place equals glove.c's compute-all-then-apply. (glove.c also skips the
    // step when the summed updates are not finite; they always are: |update| <= gradClip·eta, since
    // gradients are clipped and gradsq starts at 1 and only grows.)
    for (let b = 0; b < dim; b++) {
      const a1 = W[l1 + b]!;
      const a2 = W[l2 + b]!;
      let g1 = fdiff * a2;
      let g2 = fdiff * a1;
      g1 = (g1 < -clip ? -clip : g1 > clip ? clip : g1) * eta;
      g2 = (g2 < -clip ? -clip : g2 > clip ? clip : g2) * eta;
      const q1 = gradsq[l1 + b]!;
      const q2 = gradsq[l2 + b]!;
      W[l1 + b] = a1 - g1 / Math.sqrt(q1);
      W[l2 + b] = a2 - g2 / Math.sqrt(q2);
      gradsq[l1 + b] = q1 + g1 * g1;
      gradsq[l2 + b] = q2 + g2 * g2;
    }
    // Biases: glove.c steps them by fdiff / sqrt(gradsq), without eta (its learning rate is 1 there).
    const d1 = fdiff / Math.sqrt(gradsq[l1 + dim]!);
    const d2 = fdiff / Math.sqrt(gradsq[l2 + dim]!);
    if (Number.isFinite(d1)) W[l1 + dim]! -= d1;
    if (Number.isFinite(d2)) W[l2 + dim]! -= d2;
    fdiff *= fdiff;
    gradsq[l1 + dim]! += fdiff;
    gradsq[l2 + dim]! += fdiff;
  }
  return cost;
}
