/**
 * One shape for every metric the significance tests resample: per-segment statistics as one
 * row-major Float64Array, and the score of summed statistics, in two flavours that mirror how
 * sacreBLEU's numbers come about:
 *   - `score(sum)`: exact sums (sacreBLEU's Python-list and int64 paths: actual scores, AR trials);
 *   - `scoreF32(sum)`: sums of float32 statistics (sacreBLEU's bootstrap does
 *     `np.array(stats, dtype='float32')[idxs].sum(0)`), scored with NumPy 1.24's scalar promotion:
 *     float32 / float32 stays float32 (chrF's precision and recall, TER's ratio) while anything
 *     mixed with a Python number becomes float64 (all of BLEU).
 */
import { bleuFromStats, bleuSignature, bleuStatistics, computeBleu, SMOOTH_DEFAULTS, type BleuOptions } from '../bleu.js';
import { chrfFromStats, chrfFScoreF32, chrfSignature, chrfStatistics, type ChrfOptions } from '../chrf.js';
import type { RefStreams } from '../refs.js';
import { terFromStats, terSignature, terStatistics, type TerOptions } from '../ter/index.js';

/** A metric and its options, as the paired tests take them. */
export type SignificanceMetric =
  | { metric: 'bleu'; options?: BleuOptions }
  | { metric: 'chrf'; options?: ChrfOptions }
  | { metric: 'ter'; options?: TerOptions };

export interface MetricStats {
  /** sacreBLEU's score name: 'BLEU', 'chrF2', 'chrF2++', 'TER'. */
  readonly name: string;
  /** Numbers per segment row. */
  readonly width: number;
  /** Per-segment statistics of a system, `segments * width` numbers, and the reference count. */
  stats(hyps: readonly string[], refs: RefStreams): { stats: Float64Array; nrefs: number | 'var' };
  /** Score of exactly summed statistics. */
  score(sum: ArrayLike<number>): number;
  /** Score of float32-summed statistics, as sacreBLEU's bootstrap computes it. */
  scoreF32(sum: ArrayLike<number>): number;
  /** Score of int64-summed statistics, as sacreBLEU's AR trials compute it (differs from `score` only for BLEU add-k with a fractional value). */
  scoreI64(sum: ArrayLike<number>): number;
  signature(nrefs: number | 'var', short: boolean): string;
  /**
   * An approximation of `scoreI64` within 1e-10 (BLEU with V8's Math.log/Math.exp instead of the
   * correctly rounded ones), used by the AR test to decide `|a - b| > diff` without the slow path
   * unless the two are closer than 1e-9; absent where `scoreI64` is already cheap.
   */
  approxScore?: (sum: ArrayLike<number>) => number;
}

export function metricStats(m: SignificanceMetric): MetricStats {
  switch (m.metric) {
    case 'bleu':
      return bleuMetric(m.options ?? {});
    case 'chrf':
      return chrfMetric(m.options ?? {});
    case 'ter':
      return terMetric(m.options ?? {});
  }
}

function bleuMetric(o: BleuOptions): MetricStats {
  const order = o.maxNgramOrder ?? 4;
  const smoothMethod = o.smoothMethod ?? 'exp';
  const k = o.smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const scoreOpts = { smoothMethod, smoothValue: o.smoothValue ?? null, effectiveOrder: o.effectiveOrder ?? false };
  const score = (sum: ArrayLike<number>): number => bleuFromStats(Array.from(sum), order, scoreOpts).score;
  /**
   * add-k adds k to correct/total of orders >= 2 in place, in the sums' own dtype: rounded to float32
   * in the bootstrap, truncated to an integer in AR trials. Done here, then scored with k = 0.
   */
  const addK = (sum: ArrayLike<number>, round: (x: number) => number): number => {
    const correct = Array.from({ length: order }, (_, n) => Number(sum[2 + n]));
    const total = Array.from({ length: order }, (_, n) => Number(sum[2 + order + n]));
    if (!correct.some((c) => c !== 0)) return 0; // sacreBLEU's early exit comes before smoothing
    for (let n = 1; n < order; n++) {
      correct[n] = round(correct[n] + k);
      total[n] = round(total[n] + k);
    }
    return computeBleu(correct, total, Math.trunc(sum[0]), Math.trunc(sum[1]), {
      ...scoreOpts,
      smoothValue: 0,
      maxNgramOrder: order,
    }).score;
  };
  const fractionalK = smoothMethod === 'add-k' && !Number.isInteger(k);
  const effective = o.effectiveOrder ?? false;
  /** sacreBLEU's compute_bleu with Math.log/Math.exp (add-k is left to the exact path). */
  const approx = (sum: ArrayLike<number>): number => {
    const sysLen = sum[0];
    const refLen = sum[1];
    let any = false;
    for (let n = 0; n < order; n++) if (sum[2 + n] !== 0) any = true;
    if (!any) return 0;
    const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
    let smoothMteval = 1;
    let effOrder = order;
    let logSum = 0;
    let n = 1;
    for (; n <= order; n++) {
      const correct = sum[1 + n];
      const total = sum[1 + order + n];
      if (total === 0) break;
      if (effective) effOrder = n;
      let p = 0;
      if (correct === 0) {
        if (smoothMethod === 'exp') {
          smoothMteval *= 2;
          p = 100 / (smoothMteval * total);
        } else if (smoothMethod === 'floor') p = (100 * k) / total;
      } else p = (100 * correct) / total;
      logSum += p === 0 ? -9999999999 : Math.log(p);
    }
    for (; n <= effOrder; n++) logSum += -9999999999; // orders after a zero total keep precision 0
    return bp * Math.exp(logSum / effOrder);
  };
  return {
    name: 'BLEU',
    width: 2 + 2 * order,
    stats(hyps, refs) {
      const st = bleuStatistics(hyps, refs, o);
      return { stats: st.stats, nrefs: st.nrefs };
    },
    score,
    // sys_len/ref_len go through int(); every other operation is float64 in NumPy 1.24
    scoreF32: fractionalK ? (sum) => addK(sum, Math.fround) : score,
    scoreI64: fractionalK ? (sum) => addK(sum, Math.trunc) : score,
    approxScore: smoothMethod === 'add-k' ? undefined : approx,
    signature: (nrefs, short) => bleuSignature(nrefs, o, short),
  };
}

function chrfMetric(o: ChrfOptions): MetricStats {
  // scoring an all-zero row validates the options and gives the name and resolved orders
  const res = chrfFromStats(new Array<number>(Math.max(0, 3 * ((o.charOrder ?? 6) + (o.wordOrder ?? 0)))).fill(0), o);
  const order = res.charOrder + res.wordOrder;
  const beta = res.beta;
  const eps = o.epsSmoothing ?? false;
  const score = (sum: ArrayLike<number>): number => chrfFromStats(Array.from(sum), o).score;
  return {
    name: res.name,
    width: 3 * order,
    stats(hyps, refs) {
      const st = chrfStatistics(hyps, refs, o);
      return { stats: st.stats, nrefs: st.nrefs };
    },
    score,
    scoreF32: (sum) => chrfFScoreF32(sum, order, beta, eps),
    scoreI64: score,
    signature: (nrefs, short) => chrfSignature(nrefs, o, short),
  };
}

function terMetric(o: TerOptions): MetricStats {
  const score = (sum: ArrayLike<number>): number => terFromStats([sum[0], sum[1]]).score;
  return {
    name: 'TER',
    width: 2,
    stats(hyps, refs) {
      const st = terStatistics(hyps, refs, o);
      return { stats: st.stats, nrefs: st.nrefs };
    },
    score,
    // total_edits / sum_ref_lengths is a float32 division; 100 * it is float64
    scoreF32: (sum) => {
      const edits = sum[0];
      const len = sum[1];
      const s = len > 0 ? Math.fround(edits / len) : edits > 0 ? 1.0 : 0.0;
      return 100 * s;
    },
    scoreI64: score,
    signature: (nrefs, short) => terSignature(nrefs, o, short),
  };
}
