/** The options of `NgramModel.train` and their validation. */
import { InvalidOptionError } from '../errors.js';
import type { CountOptions } from './options.js';

/**
 * The estimator, by its NLTK 3.8 class:
 * 'mle' (MLE), 'laplace' (Laplace), 'lidstone' (Lidstone(gamma)), 'absolute-discounting'
 * (AbsoluteDiscountingInterpolated), 'witten-bell' or 'wb' (WittenBellInterpolated), 'kneser-ney' or 'kn'
 * (KneserNeyInterpolated), 'stupid-backoff' (StupidBackoff: a score, not a probability).
 */
export type Smoothing =
  | 'mle'
  | 'laplace'
  | 'lidstone'
  | 'absolute-discounting'
  | 'witten-bell'
  | 'wb'
  | 'kneser-ney'
  | 'kn'
  | 'stupid-backoff';

export const SMOOTHINGS: readonly Smoothing[] = [
  'mle',
  'laplace',
  'lidstone',
  'absolute-discounting',
  'witten-bell',
  'wb',
  'kneser-ney',
  'kn',
  'stupid-backoff',
];

export interface ModelOptions {
  /** The estimator (default 'mle'). */
  smoothing?: Smoothing;
  /** Lidstone's gamma (required for 'lidstone', > 0). */
  gamma?: number;
  /** The discount of 'absolute-discounting' (default 0.75) and 'kneser-ney' (default 0.1, NLTK's; in [0, 1]). */
  discount?: number;
  /** Stupid backoff's alpha (default 0.4). */
  alpha?: number;
}

export interface TrainOptions extends CountOptions, ModelOptions {}

export interface ResolvedModelOptions {
  smoothing: Smoothing;
  gamma: number;
  discount: number;
  alpha: number;
}

export function resolveModelOptions(o: ModelOptions, order: number): ResolvedModelOptions {
  if (typeof o !== 'object' || o === null) throw new InvalidOptionError('options', o, 'an object ({ order, smoothing, … })');
  const smoothing = o.smoothing ?? 'mle';
  if (!SMOOTHINGS.includes(smoothing)) throw new InvalidOptionError('smoothing', smoothing, SMOOTHINGS.join(', '));
  let gamma = 1;
  if (smoothing === 'lidstone') {
    if (typeof o.gamma !== 'number' || !(o.gamma > 0) || !Number.isFinite(o.gamma)) {
      throw new InvalidOptionError('gamma', o.gamma, "a positive number (Lidstone's additive constant)");
    }
    gamma = o.gamma;
  } else if (o.gamma !== undefined && smoothing !== 'laplace') {
    throw new InvalidOptionError('gamma', o.gamma, `no gamma: only 'lidstone' takes one (smoothing is '${smoothing}')`);
  }
  const kn = smoothing === 'kneser-ney' || smoothing === 'kn';
  const ad = smoothing === 'absolute-discounting';
  let discount = kn ? 0.1 : 0.75;
  if (o.discount !== undefined) {
    if (!kn && !ad) throw new InvalidOptionError('discount', o.discount, `no discount: only 'kneser-ney' and 'absolute-discounting' take one`);
    // NLTK checks 0 <= d <= 1 for Kneser-Ney only; a discount outside it breaks absolute discounting too.
    if (typeof o.discount !== 'number' || !(o.discount >= 0 && o.discount <= 1)) {
      throw new InvalidOptionError('discount', o.discount, 'a number in [0, 1]');
    }
    discount = o.discount;
  }
  if (kn && order < 2) {
    throw new InvalidOptionError('order', order, ">= 2 for 'kneser-ney' (NLTK divides by the number of bigram types: ZeroDivisionError)");
  }
  let alpha = 0.4;
  if (o.alpha !== undefined) {
    if (smoothing !== 'stupid-backoff') throw new InvalidOptionError('alpha', o.alpha, "no alpha: only 'stupid-backoff' takes one");
    if (typeof o.alpha !== 'number' || !(o.alpha > 0) || !Number.isFinite(o.alpha)) throw new InvalidOptionError('alpha', o.alpha, 'a positive number');
    alpha = o.alpha;
  }
  return { smoothing, gamma, discount, alpha };
}
