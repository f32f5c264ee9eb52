/** Validation of the counting options shared by in-memory and file counting. */
import { InvalidOptionError } from '../errors.js';
import { DEFAULT_UNK_LABEL } from './vocabulary.js';

export interface CountOptions {
  /** Highest n-gram order n (>= 1). Sentences get n-1 `<s>` and `</s>` pads, as NLTK's `pad_both_ends`. */
  order: number;
  /** Words seen fewer times than this map to the unknown label (NLTK's `unk_cutoff`; default 1, keep all). */
  unkCutoff?: number;
  /** The unknown label (default NLTK's `<UNK>`). */
  unkLabel?: string;
}

export interface ResolvedCountOptions {
  order: number;
  unkCutoff: number;
  unkLabel: string;
}

/** Orders above this are refused: no estimator here makes sense past it, and ids per n-gram grow with it. */
export const MAX_ORDER = 32;

export function resolveCountOptions(o: CountOptions): ResolvedCountOptions {
  if (typeof o !== 'object' || o === null) throw new InvalidOptionError('options', o, 'an object with at least { order }');
  const { order, unkCutoff = 1, unkLabel = DEFAULT_UNK_LABEL } = o;
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    throw new InvalidOptionError('order', order, `an integer in 1..${MAX_ORDER}`);
  }
  if (typeof unkCutoff !== 'number' || !Number.isFinite(unkCutoff) || unkCutoff < 1) {
    throw new InvalidOptionError('unkCutoff', unkCutoff, 'a number >= 1 (NLTK: "Cutoff value cannot be less than 1")');
  }
  if (typeof unkLabel !== 'string' || unkLabel.length === 0) throw new InvalidOptionError('unkLabel', unkLabel, 'a non-empty string');
  return { order, unkCutoff, unkLabel };
}
