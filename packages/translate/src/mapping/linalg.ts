/**
 * Small dense linear algebra on row-major Float32Array/Float64Array matrices. Only d × d problems go to
 * ml-matrix (SVD, symmetric eigendecomposition): every n × d product stays here in typed-array loops, so the
 * cost is the O(n·d²) products, not ml-matrix's nested JS arrays.
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { dotMatrix } from './knn.kernel.js';

/** `Aᵀ B` for row-major A (n × p) and B (n × q): a p × q Float64Array. Rows `rowsA[i]`/`rowsB[i]` when given. */
export function crossProduct(
  a: Float32Array,
  p: number,
  b: Float32Array,
  q: number,
  rowsA?: ArrayLike<number>,
  rowsB?: ArrayLike<number>,
): Float64Array {
  // Gather the rows as columns (p × n and q × n), then one blocked dot-product pass over n.
  const n = rowsA ? rowsA.length : a.length / p;
  const at = new Float32Array(p * n);
  const bt = new Float32Array(q * n);
  for (let i = 0; i < n; i++) {
    const ao = (rowsA ? rowsA[i] : i) * p;
    const bo = (rowsB ? rowsB[i] : i) * q;
    for (let r = 0; r < p; r++) at[r * n + i] = a[ao + r];
    for (let c = 0; c < q; c++) bt[c * n + i] = b[bo + c];
  }
  return Float64Array.from(dotMatrix(at, bt, n));
}

/** Rows of `x` (n × d) times `m` (d × e): `out[i] = x[i] · m`, an n × e Float32Array (via the blocked dot kernel). */
export function multiply(x: Float32Array, d: number, m: ArrayLike<number>, e: number): Float32Array {
  return dotMatrix(x, Float32Array.from(transpose(m, d, e)), d);
}

/** `Aᵀ` of a rows × cols matrix. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

/** A (p × q) · B (q × r) for small matrices. */
export function matmul(a: ArrayLike<number>, p: number, q: number, b: ArrayLike<number>, r: number): Float64Array {
  const out = new Float64Array(p * r);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < q; k++) {
      const v = a[i * q + k];
      if (v === 0) continue;
      for (let j = 0; j < r; j++) out[i * r + j] += v * b[k * r + j];
    }
  }
  return out;
}

function toMatrix(a: ArrayLike<number>, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m.set(r, c, a[r * cols + c]);
  return m;
}

function fromMatrix(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.columns);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.columns; c++) out[r * m.columns + c] = m.get(r, c);
  return out;
}

/** SVD of a square d × d matrix: `M = U diag(s) Vᵀ`. */
export function svd(m: ArrayLike<number>, d: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const r = new SingularValueDecomposition(toMatrix(m, d, d), { autoTranspose: true });
  return { u: fromMatrix(r.leftSingularVectors), s: Float64Array.from(r.diagonal), v: fromMatrix(r.rightSingularVectors) };
}

/**
 * The orthogonal factor `U Vᵀ` of the polar decomposition of a d × d matrix (M = U Σ Vᵀ). Computed as
 * `M (MᵀM)^(-1/2)` through a symmetric eigendecomposition, 2.6× faster than ml-matrix's SVD at d = 300
 * (1.3 s vs 3.3 s on a loaded 2-core box), falling back to the SVD when M is (near) rank-deficient — e.g. a
 * seed dictionary with fewer pairs than dimensions — where that formula is not orthogonal.
 */
export function orthogonalFactor(m: ArrayLike<number>, d: number): Float64Array {
  const mtm = matmul(transpose(m, d, d), d, d, m, d);
  const { values, vectors } = symmetricEigen(mtm, d);
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi > 0 && lo > 1e-10 * hi) {
    const scaled = new Float64Array(d * d);
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) scaled[r * d + c] = vectors[r * d + c] / Math.sqrt(values[c]);
    return matmul(m, d, d, matmul(scaled, d, d, transpose(vectors, d, d), d), d);
  }
  const { u, v } = svd(m, d);
  return matmul(u, d, d, transpose(v, d, d), d);
}

/** Eigendecomposition of a symmetric d × d matrix: `M = Q diag(values) Qᵀ` (columns of Q are eigenvectors). */
export function symmetricEigen(m: ArrayLike<number>, d: number): { values: Float64Array; vectors: Float64Array } {
  const r = new EigenvalueDecomposition(toMatrix(m, d, d), { assumeSymmetric: true });
  return { values: Float64Array.from(r.realEigenvalues), vectors: fromMatrix(r.eigenvectorMatrix) };
}

/** `Q diag(f(values)) Qᵀ` for a symmetric matrix: a matrix function such as the inverse square root. */
export function symmetricFunction(m: ArrayLike<number>, d: number, f: (x: number) => number): Float64Array {
  const { values, vectors } = symmetricEigen(m, d);
  const scaled = new Float64Array(d * d);
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) scaled[r * d + c] = vectors[r * d + c] * f(values[c]);
  return matmul(scaled, d, d, transpose(vectors, d, d), d);
}

export function identity(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = 1;
  return out;
}
