/**
 * Length penalties: a hypothesis of `length` tokens (EOS included) with summed log-probability `logProb`
 * ranks by `logProb / divisor(length)`. Without one, beam search prefers short outputs, since each token adds
 * a negative log-probability.
 */
import { InvalidOptionError } from '../errors.js';

/**
 * - `'none'`: the raw log-probability.
 * - `'average'`: `logProb / length` — simple length normalisation (the same ranking as per-token perplexity).
 * - `{ type: 'hf', alpha }`: Hugging Face's `logProb / length^alpha` (`length_penalty`, 1.0 by default there).
 * - `{ type: 'gnmt', alpha }`: GNMT's (Wu et al. 2016) `logProb / ((5 + length) / 6)^alpha`.
 * A bare number is the Hugging Face alpha.
 */
export type LengthPenalty = 'none' | 'average' | number | { type: 'hf'; alpha: number } | { type: 'gnmt'; alpha: number };

/** The divisor of a length penalty, as a function of the length. */
export function lengthPenaltyDivisor(p: LengthPenalty): (length: number) => number {
  if (p === 'none') return () => 1;
  if (p === 'average') return (n) => Math.max(n, 1);
  const spec = typeof p === 'number' ? { type: 'hf' as const, alpha: p } : p;
  if (typeof spec !== 'object' || spec === null || !Number.isFinite(spec.alpha)) {
    throw new InvalidOptionError('lengthPenalty', p, "'none', 'average', a number, or { type: 'hf' | 'gnmt', alpha }");
  }
  const a = spec.alpha;
  if (spec.type === 'hf') return (n) => Math.pow(Math.max(n, 1), a);
  if (spec.type === 'gnmt') return (n) => Math.pow((5 + n) / 6, a);
  throw new InvalidOptionError('lengthPenalty.type', (spec as { type: unknown }).type, "'hf' or 'gnmt'");
}

/**
 * The largest divisor over lengths in [from, to]: with log-probabilities ≤ 0, no extension of a prefix with
 * sum `s` can score above `s / maxDivisor` — the exact bound behind `earlyStopping: 'never'`.
 */
export function maxDivisor(div: (length: number) => number, from: number, to: number): number {
  // Every penalty above is monotone in the length, so the ends suffice.
  return Math.max(div(from), div(Math.max(from, to)));
}
