/**
 * Truncation settings and the cutting of one or two encodings to a maximum length (Rust's
 * `truncate_encodings`): longest_first shortens the longer sequence first, only_first / only_second
 * cut one of them; what is cut off goes to `overflowing`, in windows overlapping by `stride`.
 */
import { InvalidOptionError } from '../errors.js';
import type { Direction, EncodingBuilder } from './encoding-builder.js';
import type { JsonReader } from './json-reader.js';
import type { JsonObject } from './stages.js';

export type TruncationStrategy = 'longest_first' | 'only_first' | 'only_second';

export interface TruncationOptions {
  maxLength: number;
  /** Tokens repeated between consecutive overflowing windows (default 0). */
  stride?: number;
  strategy?: TruncationStrategy;
  /** Which end to cut (default 'right'). */
  direction?: Direction;
}

export type TruncationParams = Required<TruncationOptions>;

const STRATEGY_JSON = { longest_first: 'LongestFirst', only_first: 'OnlyFirst', only_second: 'OnlySecond' } as const;
const DIRECTION_JSON = { left: 'Left', right: 'Right' } as const;

export function truncationParams(options: TruncationOptions): TruncationParams {
  const p: TruncationParams = { stride: 0, strategy: 'longest_first', direction: 'right', ...options };
  checkCount('maxLength', p.maxLength);
  checkCount('stride', p.stride);
  if (!(p.strategy in STRATEGY_JSON)) throw new InvalidOptionError('strategy', p.strategy, "'longest_first', 'only_first' or 'only_second'");
  if (!(p.direction in DIRECTION_JSON)) throw new InvalidOptionError('direction', p.direction, "'left' or 'right'");
  return p;
}

export function checkCount(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InvalidOptionError(name, v, 'a non-negative integer');
}

export function truncationFromJSON(reader: JsonReader): TruncationParams {
  const strategy = reader.oneOf('strategy', ['LongestFirst', 'OnlyFirst', 'OnlySecond'] as const);
  const direction = reader.oneOf('direction', ['Left', 'Right'] as const, 'Right');
  return {
    maxLength: reader.integer('max_length'),
    stride: reader.integer('stride'),
    strategy: strategy === 'LongestFirst' ? 'longest_first' : strategy === 'OnlyFirst' ? 'only_first' : 'only_second',
    direction: direction === 'Left' ? 'left' : 'right',
  };
}

/** Rust's field order: direction, max_length, strategy, stride. */
export function truncationToJSON(p: TruncationParams): JsonObject {
  return { direction: DIRECTION_JSON[p.direction], max_length: p.maxLength, strategy: STRATEGY_JSON[p.strategy], stride: p.stride };
}

/** Truncates in place so the two encodings together hold at most `p.maxLength` tokens. */
export function truncateEncodings(encoding: EncodingBuilder, pair: EncodingBuilder | null, p: TruncationParams): void {
  if (p.maxLength === 0) {
    encoding.truncate(0, p.stride, p.direction);
    pair?.truncate(0, p.stride, p.direction);
    return;
  }
  const total = encoding.length + (pair?.length ?? 0);
  if (total <= p.maxLength) return;
  const toRemove = total - p.maxLength;
  if (p.strategy === 'longest_first') {
    if (!pair) {
      encoding.truncate(total - toRemove, p.stride, p.direction);
      return;
    }
    let n1 = encoding.length;
    let n2 = pair.length;
    const swap = n1 > n2;
    if (swap) [n1, n2] = [n2, n1];
    n2 = n1 > p.maxLength ? n1 : Math.max(n1, p.maxLength - n1);
    if (n1 + n2 > p.maxLength) {
      n1 = Math.floor(p.maxLength / 2);
      n2 = n1 + (p.maxLength % 2);
    }
    if (swap) [n1, n2] = [n2, n1];
    encoding.truncate(n1, p.stride, p.direction);
    pair.truncate(n2, p.stride, p.direction);
    return;
  }
  const target = p.strategy === 'only_first' ? encoding : pair;
  if (!target) throw new RangeError('Truncation error: Second sequence not provided');
  if (target.length <= toRemove) {
    throw new RangeError('Truncation error: Sequence to truncate too short to respect the provided max_length');
  }
  target.truncate(target.length - toRemove, p.stride, p.direction);
}
