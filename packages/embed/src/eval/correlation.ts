/**
 * Pearson and Spearman correlation with two-sided p-values, as scipy 1.10's `pearsonr` and `spearmanr`
 * compute them (what gensim's `evaluate_word_pairs` returns): Spearman is Pearson on average ranks
 * (ties share the mean of their ranks, scipy's `rankdata`); p-values come from the regularized incomplete
 * beta function (Pearson: the exact null distribution of r; Spearman: Student's t with n - 2 degrees).
 */

export interface Correlation {
  /** The coefficient, in [-1, 1]; NaN when one side is constant or n < 2. */
  r: number;
  /** Two-sided p-value. */
  pValue: number;
}

/** Pearson's r of `x` and `y` (same length) and its p-value, as scipy.stats.pearsonr. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const n = x.length;
  if (n < 2) return { r: NaN, pValue: NaN };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  const nx = Math.sqrt(sxx);
  const ny = Math.sqrt(syy);
  let r = 0;
  for (let i = 0; i < n; i++) r += ((x[i] - mx) / nx) * ((y[i] - my) / ny);
  r = Math.max(-1, Math.min(1, r));
  if (n === 2) return { r: nx === 0 || ny === 0 ? NaN : Math.sign(r), pValue: 1 };
  // r ~ Beta(n/2 - 1, n/2 - 1) on [-1, 1] under the null: p = 2 * P(R > |r|).
  const a = n / 2 - 1;
  const pValue = r !== r ? NaN : Math.min(1, 2 * betaInc(a, a, (1 - Math.abs(r)) / 2));
  return { r, pValue };
}

/** Spearman's rho of `x` and `y` and its p-value, as scipy.stats.spearmanr. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const n = x.length;
  const r = pearson(rankAverage(x), rankAverage(y)).r;
  const dof = n - 2;
  if (r !== r || dof < 1) return { r, pValue: NaN };
  const t = r * Math.sqrt(Math.max(0, dof / ((r + 1) * (1 - r))));
  // 2 * t.sf(|t|, dof) = I_{dof / (dof + t^2)}(dof / 2, 1 / 2)
  const pValue = Number.isFinite(t) ? betaInc(dof / 2, 0.5, dof / (dof + t * t)) : 0;
  return { r, pValue };
}

/** 1-based ranks, ties given the mean of the ranks they span (scipy's rankdata, method 'average'). */
export function rankAverage(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** The regularized incomplete beta function I_x(a, b) (continued fraction, modified Lentz). */
export function betaInc(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  z -= 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}
