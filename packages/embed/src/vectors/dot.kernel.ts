/**
 * The hot loops of every query: dot products of one query against rows of a row-major Float32Array.
 * Unrolled by four with four accumulators (independent adds pipeline; about 2x a plain loop in V8),
 * accumulated in float64, so results match numpy's float32 BLAS to ~1e-7.
 */

/** Σ a[aOff + k] * b[bOff + k] for k < dim. */
export function dot(a: Float32Array, aOff: number, b: Float32Array | Float64Array, bOff: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  const end4 = dim - (dim & 3);
  for (; k < end4; k += 4) {
    s0 += a[aOff + k] * b[bOff + k];
    s1 += a[aOff + k + 1] * b[bOff + k + 1];
    s2 += a[aOff + k + 2] * b[bOff + k + 2];
    s3 += a[aOff + k + 3] * b[bOff + k + 3];
  }
  for (; k < dim; k++) s0 += a[aOff + k] * b[bOff + k];
  return s0 + s1 + s2 + s3;
}

/**
 * out[i] = dot(matrix row i, q) for rows [0, rows). Two rows per pass share the loads of `q`.
 */
export function scoreRows(matrix: Float32Array, dim: number, rows: number, q: Float64Array, out: Float64Array): void {
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const o0 = i * dim;
    const o1 = o0 + dim;
    let s0 = 0;
    let s1 = 0;
    let t0 = 0;
    let t1 = 0;
    let k = 0;
    const end2 = dim - (dim & 1);
    for (; k < end2; k += 2) {
      const q0 = q[k];
      const q1 = q[k + 1];
      s0 += matrix[o0 + k] * q0;
      t0 += matrix[o0 + k + 1] * q1;
      s1 += matrix[o1 + k] * q0;
      t1 += matrix[o1 + k + 1] * q1;
    }
    if (k < dim) {
      s0 += matrix[o0 + k] * q[k];
      s1 += matrix[o1 + k] * q[k];
    }
    out[i] = s0 + t0;
    out[i + 1] = s1 + t1;
  }
  if (i < rows) out[i] = dot(matrix, i * dim, q, 0, dim);
}

/**
 * Scores of a block of queries against rows [rowStart, rowEnd): out[j * width + (i - rowStart)] =
 * dot(row i, query j), the queries being `nq` rows of `queries`. Register-blocked 2 rows x 4 queries:
 * 8 accumulators, 6 loads per 8 multiply-adds (a plain dot product needs 2 per 1). With row blocks of
 * about 256 rows (100 KB at dim 100) every query of the block reuses rows from L2. Measured on the
 * analogy batch (64 queries x 10,000 rows x 100 dims, a loaded 2-core machine): 0.9 GMAC/s vs 0.55
 * for 4 queries x 1 row and 0.3 for one dot product at a time.
 */
export function scoreBlock(
  matrix: Float32Array,
  dim: number,
  rowStart: number,
  rowEnd: number,
  queries: Float64Array,
  nq: number,
  out: Float64Array,
): void {
  const width = rowEnd - rowStart;
  let j = 0;
  for (; j + 3 < nq; j += 4) {
    const b0 = j * dim;
    const b1 = b0 + dim;
    const b2 = b1 + dim;
    const b3 = b2 + dim;
    const w0 = j * width - rowStart;
    const w1 = w0 + width;
    const w2 = w1 + width;
    const w3 = w2 + width;
    let i = rowStart;
    for (; i + 1 < rowEnd; i += 2) {
      const o = i * dim;
      const p = o + dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let k = 0; k < dim; k++) {
        const a = matrix[o + k];
        const b = matrix[p + k];
        const x0 = queries[b0 + k];
        const x1 = queries[b1 + k];
        const x2 = queries[b2 + k];
        const x3 = queries[b3 + k];
        s0 += a * x0;
        s1 += a * x1;
        s2 += a * x2;
        s3 += a * x3;
        t0 += b * x0;
        t1 += b * x1;
        t2 += b * x2;
        t3 += b * x3;
      }
      out[w0 + i] = s0;
      out[w1 + i] = s1;
      out[w2 + i] = s2;
      out[w3 + i] = s3;
      out[w0 + i + 1] = t0;
      out[w1 + i + 1] = t1;
      out[w2 + i + 1] = t2;
      out[w3 + i + 1] = t3;
    }
    if (i < rowEnd) {
      for (let q = j; q < j + 4; q++) out[q * width + i - rowStart] = dot(matrix, i * dim, queries, q * dim, dim);
    }
  }
  for (; j < nq; j++) {
    for (let i = rowStart; i < rowEnd; i++) out[j * width + i - rowStart] = dot(matrix, i * dim, queries, j * dim, dim);
  }
}
