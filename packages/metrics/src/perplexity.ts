/**
 * Perplexity and cross-entropy from per-token log-probabilities.
 *
 * Input: one log-probability per token, `log_b p(token | context)`, in the base the model reports
 * (`base`: `'e'` natural log, the default; `2`; or `10`, as ARPA/KenLM files do). Every value must be
 * finite or -Infinity and <= 0 (a probability is at most 1); NaN or a positive value is an error
 * naming its index.
 *
 * Which tokens count is the caller's decision, stated explicitly:
 * - OOV tokens: pass `exclude[i] = true` to leave token i out of both the sum and the count (SRILM's and
 *   KenLM's "excluding OOVs" figures); leave them in to charge their (unk) probability.
 * - The sentence end `</s>`: include its log-probability to score sentence termination (SRILM's `ppl`),
 *   or exclude it (SRILM's `ppl1`); `<s>` is context, never predicted, so it should not be passed at all.
 * - A -Infinity log-probability (zero probability) makes the perplexity Infinity unless excluded.
 *
 * crossEntropy = -(1/N) Σ ln p_i in nats (or bits with `unit: 'bits'`), over the N counted tokens;
 * perplexity = exp(crossEntropy in nats) = 2^(bits): the same number whatever the input base.
 */
import { InvalidOptionError, MetricsError } from './errors.js';

export type LogBase = 'e' | 2 | 10;

export interface PerplexityOptions {
  /** Base of the given log-probabilities: 'e' (default), 2 or 10. */
  base?: LogBase;
  /** `exclude[i] === true` leaves token i out of the sum and the count (OOVs, `</s>`…). Same length as the input. */
  exclude?: readonly boolean[];
}

export interface CrossEntropyOptions extends PerplexityOptions {
  /** Unit of the result: 'nats' (default) or 'bits'. */
  unit?: 'nats' | 'bits';
}

export interface PerplexityResult {
  /** exp(cross-entropy in nats). */
  perplexity: number;
  /** Cross-entropy per counted token, in nats. */
  crossEntropyNats: number;
  /** Cross-entropy per counted token, in bits. */
  crossEntropyBits: number;
  /** Tokens counted (not excluded). */
  tokens: number;
  /** Tokens excluded. */
  excluded: number;
  /** Sum of the counted log-probabilities, natural log. */
  logProbSum: number;
}

/** A log-probability that is NaN or positive, named by its index. */
export class InvalidLogProbError extends MetricsError {
  constructor(
    readonly index: number,
    readonly value: number,
  ) {
    super(
      'INVALID_OPTION',
      `Invalid log-probability at index ${index}: ${String(value)}; expected a number <= 0 (log of a probability)`,
    );
  }
}

/** No token to average over: empty input, or every token excluded. */
export class EmptyLogProbsError extends MetricsError {
  constructor(readonly reason: string) {
    super('INVALID_OPTION', `Cannot compute perplexity: ${reason}`);
  }
}

const LN_OF_BASE: Record<string, number> = { e: 1, '2': Math.LN2, '10': Math.LN10 };

/**
 * Everything at once: perplexity, cross-entropy in nats and bits, and the counts.
 * @example perplexityStats([Math.log(0.25), Math.log(0.25)]).perplexity // 4
 */
export function perplexityStats(logProbs: ArrayLike<number>, opts: PerplexityOptions = {}): PerplexityResult {
  const base = opts.base ?? 'e';
  const scale = LN_OF_BASE[String(base)];
  if (scale === undefined) throw new InvalidOptionError('base', base, "'e', 2 or 10");
  const { exclude } = opts;
  if (exclude !== undefined && exclude.length !== logProbs.length) {
    throw new InvalidOptionError('exclude', `${exclude.length} flags`, `one flag per log-probability (${logProbs.length})`);
  }
  if (logProbs.length === 0) throw new EmptyLogProbsError('no log-probabilities were given');
  let sum = 0;
  let tokens = 0;
  for (let i = 0; i < logProbs.length; i++) {
    const lp = logProbs[i];
    if (typeof lp !== 'number' || Number.isNaN(lp) || lp > 0) throw new InvalidLogProbError(i, lp);
    if (exclude?.[i] === true) continue;
    sum += lp;
    tokens++;
  }
  if (tokens === 0) throw new EmptyLogProbsError('every token is excluded');
  const logProbSum = sum * scale;
  // -0 when every probability is 1: report +0.
  const crossEntropyNats = -logProbSum / tokens || 0;
  return {
    perplexity: Math.exp(crossEntropyNats),
    crossEntropyNats,
    crossEntropyBits: crossEntropyNats / Math.LN2,
    tokens,
    excluded: logProbs.length - tokens,
    logProbSum,
  };
}

/**
 * Perplexity of per-token log-probabilities in `base` (default natural log).
 * @example perplexity([-2, -2, -2], { base: 2 }) // 4
 */
export function perplexity(logProbs: ArrayLike<number>, opts: PerplexityOptions = {}): number {
  return perplexityStats(logProbs, opts).perplexity;
}

/**
 * Cross-entropy per counted token, in nats (default) or bits.
 * @example crossEntropy([-2, -2], { base: 2, unit: 'bits' }) // 2
 */
export function crossEntropy(logProbs: ArrayLike<number>, opts: CrossEntropyOptions = {}): number {
  const r = perplexityStats(logProbs, opts);
  return opts.unit === 'bits' ? r.crossEntropyBits : r.crossEntropyNats;
}
