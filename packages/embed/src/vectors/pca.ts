/**
 * `pca2`: the first principal components of a few vectors (a plot's worth), by power iteration with
 * deflation on the covariance matrix — small and deterministic (fixed start vector, sign fixed so the
 * largest loading is positive), with each component's share of the total variance.
 */
import { InvalidOptionError } from '../errors.js';

export interface Projection {
  /** n × components coordinates, row-major. */
  coords: Float64Array;
  /** The components (unit vectors), components × dim, row-major. */
  axes: Float64Array;
  /** Variance along each component. */
  variance: number[];
  /** Share of the total variance along each component, in [0, 1]. */
  explained: number[];
}

/**
 * Projects `n` rows of `data` (row-major, `dim` wide) on their first `components` principal axes.
 * @example const { coords, explained } = pcaProject(rows, 5, 100);
 */
export function pcaProject(data: ArrayLike<number>, n: number, dim: number, components = 2, maxIterations = 2000): Projection {
  if (n < 2) throw new InvalidOptionError('words', n, 'at least 2 vectors to project');
  if (data.length !== n * dim) throw new InvalidOptionError('data', data.length, `${n} x ${dim} values`);
  const x = new Float64Array(n * dim);
  for (let k = 0; k < dim; k++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * dim + k];
    mean /= n;
    for (let i = 0; i < n; i++) x[i * dim + k] = data[i * dim + k] - mean;
  }
  // Covariance (dim x dim), as numpy.cov: divided by n - 1.
  const cov = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i * dim + a] * x[i * dim + b];
      cov[a * dim + b] = cov[b * dim + a] = s / (n - 1);
    }
  }
  let total = 0;
  for (let a = 0; a < dim; a++) total += cov[a * dim + a];
  const m = Math.min(components, dim);
  const axes = new Float64Array(m * dim);
  const variance: number[] = [];
  const v = new Float64Array(dim);
  const w = new Float64Array(dim);
  for (let c = 0; c < m; c++) {
    for (let k = 0; k < dim; k++) v[k] = 1 + k / dim; // fixed, not orthogonal to anything in practice
    normalize(v);
    let lambda = 0;
    for (let it = 0; it < maxIterations; it++) {
      for (let a = 0; a < dim; a++) {
        let s = 0;
        for (let b = 0; b < dim; b++) s += cov[a * dim + b] * v[b];
        w[a] = s;
      }
      lambda = normalize(w);
      let diff = 0;
      for (let k = 0; k < dim; k++) diff = Math.max(diff, Math.abs(w[k] - v[k]));
      v.set(w);
      if (lambda === 0 || diff < 1e-12) break;
    }
    // A fixed sign: the largest loading positive.
    let big = 0;
    for (let k = 1; k < dim; k++) if (Math.abs(v[k]) > Math.abs(v[big])) big = k;
    if (v[big] < 0) for (let k = 0; k < dim; k++) v[k] = -v[k];
    axes.set(v, c * dim);
    variance.push(lambda);
    // Deflate: remove this component from the covariance.
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) cov[a * dim + b] -= lambda * v[a] * v[b];
  }
  const coords = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += x[i * dim + k] * axes[c * dim + k];
      coords[i * m + c] = s;
    }
  }
  return { coords, axes, variance, explained: variance.map((l) => (total > 0 ? l / total : 0)) };
}

function normalize(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let k = 0; k < v.length; k++) v[k] /= norm;
  return norm;
}
