/**
 * Paired significance tests exactly as sacreBLEU 2.x (`--paired-bs`, `--paired-ar`) and its
 * single-system bootstrap confidence interval (`--confidence`): paired.ts runs the tests on the
 * metrics' per-segment statistics (metric-stats.ts), numpy-rng.ts reproduces NumPy's default_rng
 * draw for draw (same seed → same resamples → same p-values), numpy-math.ts NumPy's summation order.
 * Imports only the metrics' public statistics functions; no I/O, no CLI.
 */
export {
  pairedBootstrap,
  pairedApproximateRandomization,
  bootstrapConfidence,
  SystemLengthMismatchError,
  type NamedSystem,
  type SignificanceOptions,
  type ArOptions,
  type SignificanceResult,
  type MetricSignificance,
  type PairedTestResult,
  type ConfidenceResult,
} from './paired.js';
export { type SignificanceMetric } from './metric-stats.js';
