/**
 * Translation retrieval in a shared space: nearest neighbour by cosine, or CSLS (Conneau et al. 2018, MUSE):
 * `CSLS(x, y) = 2 cos(x, y) − r_T(x) − r_S(y)`, where r_T(x) is the mean cosine of x's k nearest targets and
 * r_S(y) that of y's k nearest mapped sources — hubs (near everything) are pushed down. Inputs are unit rows.
 */
import { InvalidOptionError } from '../errors.js';
import { meanTopKBothWays, topKDot, type TopKResult } from './knn.kernel.js';
import { gatherRows } from './space.js';

export type RetrievalMethod = 'nn' | 'csls';

export interface RetrievalOptions {
  /** Default 'csls'. */
  method?: RetrievalMethod;
  /** Neighbours averaged in CSLS's r_S and r_T. Default 10, as MUSE. */
  cslsK?: number;
}

export function checkMethod(method: unknown): RetrievalMethod {
  if (method !== 'nn' && method !== 'csls') throw new InvalidOptionError('method', method, "'nn' or 'csls'");
  return method;
}

/**
 * The CSLS penalties of a pair of unit-row spaces, computed once and reused across queries and directions:
 * `rSrc[x]` (r_T in MUSE's notation: x's mean cosine to its k nearest targets) and `rTgt[y]`.
 */
export class CslsPenalties {
  private rs: Float32Array | undefined;
  private rt: Float32Array | undefined;
  constructor(
    readonly src: Float32Array,
    readonly tgt: Float32Array,
    readonly d: number,
    readonly k = 10,
  ) {}
  get rSrc(): Float32Array {
    if (this.rs === undefined) this.both();
    return this.rs as Float32Array;
  }
  get rTgt(): Float32Array {
    if (this.rt === undefined) this.both();
    return this.rt as Float32Array;
  }
  private both(): void {
    const r = meanTopKBothWays(this.src, this.tgt, this.d, this.k);
    this.rs = r.rows;
    this.rt = r.cols;
  }
}

/**
 * The `topN` best targets of source rows `queries` (all rows when omitted). Scores are cosines for 'nn' and
 * full CSLS values for 'csls'.
 */
export function retrieve(
  src: Float32Array,
  tgt: Float32Array,
  d: number,
  queries: ArrayLike<number> | undefined,
  topN: number,
  o: RetrievalOptions & { penalties?: CslsPenalties; direction?: 's2t' | 't2s'; targetRows?: number } = {},
): TopKResult {
  const method = checkMethod(o.method ?? 'csls');
  const t2s = o.direction === 't2s';
  const [from, to] = t2s ? [tgt, src] : [src, tgt];
  const q = queries === undefined ? from : gatherRows(from, d, queries);
  if (method === 'nn') return topKDot(q, to, d, topN, { baseRows: o.targetRows });
  const pen = o.penalties ?? new CslsPenalties(src, tgt, d, o.cslsK ?? 10);
  const [rFrom, rTo] = t2s ? [pen.rTgt, pen.rSrc] : [pen.rSrc, pen.rTgt];
  const r = topKDot(q, to, d, topN, { scale: 2, bias: rTo, baseRows: o.targetRows });
  const m = q.length / d;
  for (let i = 0; i < m; i++) {
    const rq = rFrom[queries === undefined ? i : queries[i]];
    for (let j = 0; j < r.k; j++) r.score[i * r.k + j] -= rq;
  }
  return r;
}
