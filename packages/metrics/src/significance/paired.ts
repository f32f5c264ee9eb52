/**
 * sacreBLEU's paired significance tests (significance.py: `PairedTest`, `_paired_bs_test`,
 * `_paired_ar_test`) and its single-system bootstrap confidence interval, on per-segment statistics.
 * With the same seed they draw the same resamples as sacreBLEU (./numpy-rng.ts), sum them the same
 * way (float32 in the bootstrap) and score them with the same arithmetic (./metric-stats.ts), so the
 * p-values, means and intervals are sacreBLEU's.
 *
 * Performance notes: statistics live in one Float32Array (bootstrap) or Float64Array (AR) per
 * system and metric; a resample is a tight loop over one row of the index matrix; the baseline's
 * resampled scores are computed once and reused for every system when the seed is fixed (sacreBLEU
 * reseeds per system, so every system sees the same index matrix). AR sums are
 * `sys_total + Σ_{selected} (baseline - system)` instead of two matrix products.
 */
import { MetricsError, InvalidOptionError } from '../errors.js';
import type { RefStreams } from '../refs.js';
import { metricStats, type MetricStats, type SignificanceMetric } from './metric-stats.js';
import { estimateCi, numpyMean } from './numpy-math.js';
import { boolBits, choiceIndices, Pcg64 } from './numpy-rng.js';
import { blockSubsetSums, selectedSum, sumRowsF32 } from './resample.kernel.js';

/** A system to compare: a name (shown in tables) and one hypothesis per segment. */
export interface NamedSystem {
  name: string;
  hypotheses: readonly string[];
}

export interface SignificanceOptions {
  /** Metrics to test (default BLEU with its defaults). */
  metrics?: readonly SignificanceMetric[];
  /** Bootstrap resamples (default 1000) or AR trials (default 10000); 0 = the default, as sacreBLEU. */
  nSamples?: number;
  /**
   * RNG seed (default 12345, sacreBLEU's `SACREBLEU_SEED` default); null = fresh OS entropy for each
   * draw (sacreBLEU's `SACREBLEU_SEED=None`).
   */
  seed?: number | null;
}

export interface ArOptions extends SignificanceOptions {
  /** AR only: bootstrap resamples for each system's mean and 95 % CI; -1 (default) = none, 0 = 1000. */
  nArConfidence?: number;
}

/** One system's result for one metric (sacreBLEU's `Result`). */
export interface SignificanceResult {
  /** The system's actual corpus score. */
  score: number;
  /** p-value against the baseline; null for the baseline itself. */
  pValue: number | null;
  /** Bootstrap estimate of the true mean; null when no bootstrap ran (AR without nArConfidence). */
  mean: number | null;
  /** Half-width of the bootstrap 95 % confidence interval; null likewise. */
  ci: number | null;
}

export interface MetricSignificance {
  /** sacreBLEU's score name: 'BLEU', 'chrF2', 'chrF2++', 'TER'. */
  name: string;
  /** The metric's signature with sacreBLEU's test fields, e.g. `nrefs:1|bs:1000|seed:12345|case:mixed|…`. */
  signature: string;
  /** Short signature (`#:1|bs:1000|rs:12345|c:mixed|…`). */
  shortSignature: string;
  /** One result per system, the baseline first. */
  results: SignificanceResult[];
}

export interface PairedTestResult {
  test: 'bs' | 'ar';
  nSamples: number;
  /** AR's bootstrap resamples for the CI (-1 = none); -1 for the bootstrap test. */
  nArConfidence: number;
  seed: number | null;
  /** System names, the baseline first. */
  systems: string[];
  metrics: MetricSignificance[];
}

/** A system whose hypothesis count differs from the baseline's. */
export class SystemLengthMismatchError extends MetricsError {
  constructor(
    readonly system: string,
    readonly segments: number,
    readonly expected: number,
  ) {
    super('LENGTH_MISMATCH', `System ${JSON.stringify(system)} has ${segments} segment(s) but the baseline has ${expected}`);
  }
}

/** The seed as sacreBLEU writes it in signatures (`str(seed).lower()`). */
const seedName = (seed: number | null): string => (seed === null ? 'none' : String(seed));

const DEFAULT_SAMPLES = { bs: 1000, ar: 10000 } as const;

interface Prepared {
  metrics: MetricStats[];
  seed: number | null;
  nSamples: number;
  segments: number;
}

function prepare(systems: readonly NamedSystem[], o: SignificanceOptions, test: 'bs' | 'ar'): Prepared {
  if (systems.length < 2) {
    throw new InvalidOptionError('systems', systems.length, 'at least two systems: the baseline first, then the systems to compare with it');
  }
  const segments = systems[0].hypotheses.length;
  for (const s of systems) {
    if (s.hypotheses.length !== segments) throw new SystemLengthMismatchError(s.name, s.hypotheses.length, segments);
  }
  if (segments === 0) throw new InvalidOptionError('systems', 0, 'at least one segment');
  const n = o.nSamples ?? 0;
  if (!Number.isInteger(n) || n < 0) throw new InvalidOptionError('nSamples', n, 'an integer >= 0 (0 = the default)');
  const seed = o.seed === undefined ? 12345 : o.seed;
  if (seed !== null && (!Number.isSafeInteger(seed) || seed < 0)) {
    throw new InvalidOptionError('seed', seed, 'a non-negative safe integer or null');
  }
  const ms = (o.metrics ?? [{ metric: 'bleu' }]).map(metricStats);
  if (ms.length === 0) throw new InvalidOptionError('metrics', 0, 'at least one metric');
  return { metrics: ms, seed, nSamples: n > 0 ? n : DEFAULT_SAMPLES[test], segments };
}

/** sacreBLEU's signature fields for a test, placed where its Signature dict keeps them (after nrefs). */
function testSignature(m: MetricStats, nrefs: number | 'var', fields: readonly [string, string, string | number][], short: boolean): string {
  const sig = m.signature(nrefs, short);
  const cut = sig.indexOf('|');
  const extra = fields.map(([key, abbr, v]) => `${short ? abbr : key}:${v}`).join('|');
  return `${sig.slice(0, cut)}|${extra}${sig.slice(cut)}`;
}

/** Per-segment statistics of every system for one metric. */
function systemStats(m: MetricStats, systems: readonly NamedSystem[], refs: RefStreams): { stats: Float64Array[]; nrefs: number | 'var' } {
  let nrefs: number | 'var' = 1;
  const stats = systems.map((s, i) => {
    const r = m.stats(s.hypotheses, refs);
    if (i === 0) nrefs = r.nrefs;
    return r.stats;
  });
  return { stats, nrefs };
}

function exactSum(stats: Float64Array, width: number): Float64Array {
  const sum = new Float64Array(width);
  for (let base = 0; base < stats.length; base += width) {
    for (let k = 0; k < width; k++) sum[k] += stats[base + k];
  }
  return sum;
}

/**
 * Scores of the bootstrap resamples `idx` (rows × segments) of one system: each row's statistics
 * summed in float32, row after row, as NumPy's `stats_np[idxs][r].sum(0)` does, then `scoreF32`.
 */
function resampledScores(m: MetricStats, stats32: Float32Array, idx: Int32Array, segments: number): Float64Array {
  const width = m.width;
  const rows = idx.length / segments;
  const out = new Float64Array(rows);
  const acc = new Float32Array(width);
  for (let r = 0; r < rows; r++) {
    sumRowsF32(stats32, width, idx, r * segments, segments, acc);
    out[r] = m.scoreF32(acc);
  }
  return out;
}

/**
 * |score(a) - score(b)| of one AR trial. Only its comparison with `diff` matters, so an approximate
 * score decides unless the difference is within 1e-9 of `diff` (the approximation is within 1e-10);
 * then, or without an approximation, the exact scores (what sacreBLEU computes) are used.
 */
function trialDiff(m: MetricStats, a: Float64Array, b: Float64Array, diff: number): number {
  if (m.approxScore) {
    const approx = Math.abs(m.approxScore(a) - m.approxScore(b));
    if (Math.abs(approx - diff) > 1e-9) return approx;
  }
  return Math.abs(m.scoreI64(a) - m.scoreI64(b));
}

/** (count(stats > realDifference) + 1) / (n + 1), sacreBLEU's _compute_p_value. */
function pValue(stats: Float64Array, realDifference: number): number {
  let c = 0;
  for (let i = 0; i < stats.length; i++) if (stats[i] > realDifference) c++;
  return (c + 1) / (stats.length + 1);
}

/**
 * Paired bootstrap resampling (sacreBLEU `--paired-bs`, after Koehn 2004 / Moses'
 * bootstrap-hypothesis-difference-significance.pl): the first system is the baseline; each other
 * system gets its score, p-value, bootstrap mean and 95 % CI, the baseline its mean and CI.
 *
 * @example
 * const r = pairedBootstrap([{ name: 'base', hypotheses: base }, { name: 'new', hypotheses: hyp }], [ref],
 *   { metrics: [{ metric: 'bleu' }, { metric: 'chrf' }], nSamples: 1000 });
 * r.metrics[0].results[1].pValue;   // the p-value sacreBLEU prints as (p = 0.0979) for the same data and seed
 * r.metrics[0].signature;           // 'nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:…'
 */
export function pairedBootstrap(systems: readonly NamedSystem[], refs: RefStreams, opts: SignificanceOptions = {}): PairedTestResult {
  const { metrics, seed, nSamples, segments } = prepare(systems, opts, 'bs');
  // sacreBLEU seeds a fresh generator for the baseline's CI and for every system: one matrix serves all
  const fixed = seed === null ? null : choiceIndices(new Pcg64(seed), segments, nSamples);
  const draw = (): Int32Array => fixed ?? choiceIndices(new Pcg64(null), segments, nSamples);
  const out: MetricSignificance[] = [];
  for (const m of metrics) {
    const { stats, nrefs } = systemStats(m, systems, refs);
    const bl32 = Float32Array.from(stats[0]);
    const blScore = m.score(exactSum(stats[0], m.width));
    const blScores = resampledScores(m, bl32, draw(), segments);
    const blCi = estimateCi(blScores.slice());
    const results: SignificanceResult[] = [{ score: blScore, pValue: null, mean: blCi.mean, ci: blCi.ci }];
    for (let s = 1; s < systems.length; s++) {
      const idx = draw();
      const blSample = fixed ? blScores : resampledScores(m, bl32, idx, segments);
      const sysScore = m.score(exactSum(stats[s], m.width));
      const sysSample = resampledScores(m, Float32Array.from(stats[s]), idx, segments);
      const diff = Math.abs(blScore - sysScore);
      const diffs = new Float64Array(nSamples);
      for (let i = 0; i < nSamples; i++) diffs[i] = Math.abs(sysSample[i] - blSample[i]);
      const mean = numpyMean(diffs);
      for (let i = 0; i < nSamples; i++) diffs[i] -= mean;
      const { mean: sysMean, ci } = estimateCi(sysSample);
      results.push({ score: sysScore, pValue: pValue(diffs, diff), mean: sysMean, ci });
    }
    const fields: [string, string, string | number][] = [
      ['bs', 'bs', nSamples],
      ['seed', 'rs', seedName(seed)],
    ];
    out.push({
      name: m.name,
      signature: testSignature(m, nrefs, fields, false),
      shortSignature: testSignature(m, nrefs, fields, true),
      results,
    });
  }
  return { test: 'bs', nSamples, nArConfidence: -1, seed, systems: systems.map((s) => s.name), metrics: out };
}

/**
 * Paired approximate randomization (sacreBLEU `--paired-ar`, after Riezler & Maxwell 2005 / multeval):
 * each trial swaps the baseline's and the system's segments where a coin says so, and the p-value is
 * the share of trials whose |score difference| exceeds the real one. With `nArConfidence` > 0 (0 =
 * 1000) each system also gets a bootstrap mean and 95 % CI, drawn after the coins as sacreBLEU does.
 *
 * @example
 * const r = pairedApproximateRandomization(systems, [ref], { nSamples: 10000 });
 * r.metrics[0].results[1].pValue;   // sacreBLEU's --paired-ar p-value
 */
export function pairedApproximateRandomization(systems: readonly NamedSystem[], refs: RefStreams, opts: ArOptions = {}): PairedTestResult {
  const { metrics, seed, nSamples, segments } = prepare(systems, opts, 'ar');
  const nc = opts.nArConfidence ?? -1;
  if (!Number.isInteger(nc) || nc < -1) throw new InvalidOptionError('nArConfidence', nc, '-1 (off), 0 (= 1000) or a positive integer');
  const nConf = nc === 0 ? DEFAULT_SAMPLES.bs : nc;
  // per system: fresh generator, coins first, then (with a CI) the bootstrap indices
  const drawSystem = (): { sel: Uint32Array; idx: Int32Array | null } => {
    const g = new Pcg64(seed);
    const sel = boolBits(g, nSamples * segments);
    return { sel, idx: nConf > 0 ? choiceIndices(g, segments, nConf) : null };
  };
  const fixed = seed === null ? null : drawSystem();
  const blIdx = nConf > 0 && seed !== null ? choiceIndices(new Pcg64(seed), segments, nConf) : null;
  const out: MetricSignificance[] = [];
  for (const m of metrics) {
    const w = m.width;
    const { stats, nrefs } = systemStats(m, systems, refs);
    const blSum = exactSum(stats[0], w);
    const blScore = m.score(blSum);
    const results: SignificanceResult[] = [{ score: blScore, pValue: null, mean: null, ci: null }];
    if (nConf > 0) {
      const idx = blIdx ?? choiceIndices(new Pcg64(null), segments, nConf);
      const ci = estimateCi(resampledScores(m, Float32Array.from(stats[0]), idx, segments));
      results[0].mean = ci.mean;
      results[0].ci = ci.ci;
    }
    const delta = new Float64Array(stats[0].length);
    const d = new Float64Array(w);
    const a = new Float64Array(w);
    const b = new Float64Array(w);
    for (let s = 1; s < systems.length; s++) {
      const { sel, idx } = fixed ?? drawSystem();
      const sys = stats[s];
      const sysSum = exactSum(sys, w);
      const sysScore = m.score(sysSum);
      const diff = Math.abs(blScore - sysScore);
      for (let i = 0; i < delta.length; i++) delta[i] = stats[0][i] - sys[i];
      const table = blockSubsetSums(delta, segments, w);
      const absDiffs = new Float64Array(nSamples);
      // shuf_a = sel @ bl + ~sel @ sys = sys_total + Σ_sel (bl - sys); shuf_b = bl_total - Σ_sel (bl - sys)
      for (let t = 0; t < nSamples; t++) {
        selectedSum(table, sel, t, segments, w, d);
        for (let k = 0; k < w; k++) {
          a[k] = sysSum[k] + d[k];
          b[k] = blSum[k] - d[k];
        }
        absDiffs[t] = trialDiff(m, a, b, diff);
      }
      const res: SignificanceResult = { score: sysScore, pValue: pValue(absDiffs, diff), mean: null, ci: null };
      if (idx) {
        const ci = estimateCi(resampledScores(m, Float32Array.from(sys), idx, segments));
        res.mean = ci.mean;
        res.ci = ci.ci;
      }
      results.push(res);
    }
    const fields: [string, string, string | number][] = [];
    if (nConf > 0) fields.push(['bs', 'bs', nConf]);
    fields.push(['ar', 'ar', nSamples], ['seed', 'rs', seedName(seed)]);
    out.push({
      name: m.name,
      signature: testSignature(m, nrefs, fields, false),
      shortSignature: testSignature(m, nrefs, fields, true),
      results,
    });
  }
  return { test: 'ar', nSamples, nArConfidence: nConf > 0 ? nConf : -1, seed, systems: systems.map((s) => s.name), metrics: out };
}

export interface ConfidenceResult {
  name: string;
  score: number;
  /** Bootstrap mean and 95 % CI half-width (sacreBLEU's `Score.estimate_ci`). */
  mean: number;
  ci: number;
  /** e.g. `nrefs:1|bs:1000|seed:12345|case:mixed|…`. */
  signature: string;
  shortSignature: string;
}

/**
 * Single-system bootstrap confidence interval (sacreBLEU `--confidence`, `corpus_score(n_bootstrap=N)`):
 * the score, the mean of N resampled scores and half the width of their 95 % range.
 */
export function bootstrapConfidence(
  hypotheses: readonly string[],
  refs: RefStreams,
  opts: SignificanceOptions = {},
): ConfidenceResult[] {
  const sys = { name: 'system', hypotheses };
  const { metrics, seed, nSamples, segments } = prepare([sys, sys], opts, 'bs');
  const idx = choiceIndices(new Pcg64(seed), segments, nSamples);
  return metrics.map((m) => {
    const { stats, nrefs } = m.stats(hypotheses, refs);
    const scores = resampledScores(m, Float32Array.from(stats), idx, segments);
    // Score.estimate_ci: sorted(), statistics.mean (exact mean of the floats, correctly rounded)
    scores.sort();
    const lower = Math.floor(nSamples / 40);
    const fields: [string, string, string | number][] = [
      ['bs', 'bs', nSamples],
      ['seed', 'rs', seedName(seed)],
    ];
    return {
      name: m.name,
      score: m.score(exactSum(stats, m.width)),
      mean: exactMean(scores),
      ci: 0.5 * (scores[nSamples - lower - 1] - scores[lower]),
      signature: testSignature(m, nrefs, fields, false),
      shortSignature: testSignature(m, nrefs, fields, true),
    };
  });
}

/**
 * Python's statistics.mean of floats sums exactly and rounds once; here the sum is exact as
 * Shewchuk's non-overlapping partials (math.fsum's algorithm), then added up and divided: at most an
 * ulp or two from Python's value.
 */
function exactMean(xs: Float64Array): number {
  const partials: number[] = [];
  for (let x of xs) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let sum = 0;
  for (const p of partials) sum += p;
  return sum / xs.length;
}
