/**
 * Padding settings and the padding of encodings (Rust's `pad_encodings`): to a fixed length or to
 * the longest of the batch, rounded up to a multiple, on the left or the right.
 */
import { InvalidOptionError } from '../errors.js';
import type { Direction, EncodingBuilder } from './encoding-builder.js';
import type { JsonReader } from './json-reader.js';
import type { JsonObject } from './stages.js';
import { checkCount } from './truncation.js';

export interface PaddingOptions {
  /** Pad every encoding to this length; when absent, to the longest encoding of the batch. */
  maxLength?: number | null;
  direction?: Direction;
  padToMultipleOf?: number | null;
  padId?: number;
  padTypeId?: number;
  padToken?: string;
}

export interface PaddingParams {
  /** null = BatchLongest. */
  maxLength: number | null;
  direction: Direction;
  padToMultipleOf: number | null;
  padId: number;
  padTypeId: number;
  padToken: string;
}

/** Rust's defaults: batch-longest, right, pad id 0, type id 0, token `[PAD]`. */
export function paddingParams(options: PaddingOptions = {}): PaddingParams {
  const p: PaddingParams = {
    maxLength: options.maxLength ?? null,
    direction: options.direction ?? 'right',
    padToMultipleOf: options.padToMultipleOf ?? null,
    padId: options.padId ?? 0,
    padTypeId: options.padTypeId ?? 0,
    padToken: options.padToken ?? '[PAD]',
  };
  if (p.maxLength !== null) checkCount('maxLength', p.maxLength);
  if (p.padToMultipleOf !== null) checkCount('padToMultipleOf', p.padToMultipleOf);
  checkCount('padId', p.padId);
  checkCount('padTypeId', p.padTypeId);
  if (p.direction !== 'left' && p.direction !== 'right') throw new InvalidOptionError('direction', p.direction, "'left' or 'right'");
  if (typeof p.padToken !== 'string') throw new InvalidOptionError('padToken', p.padToken, 'a string');
  return p;
}

export function paddingFromJSON(reader: JsonReader): PaddingParams {
  let maxLength: number | null = null;
  const strategy = reader.raw('strategy');
  if (strategy !== 'BatchLongest') {
    const fixed = reader.optionalObject('strategy');
    if (fixed === null || !fixed.has('Fixed')) reader.fail('strategy', 'expected "BatchLongest" or {"Fixed": length}');
    maxLength = fixed.integer('Fixed');
  }
  const direction = reader.oneOf('direction', ['Left', 'Right'] as const);
  const multiple = reader.optionalNumber('pad_to_multiple_of');
  if (multiple !== null) reader.integer('pad_to_multiple_of');
  return {
    maxLength,
    direction: direction === 'Left' ? 'left' : 'right',
    padToMultipleOf: multiple,
    padId: reader.integer('pad_id'),
    padTypeId: reader.integer('pad_type_id'),
    padToken: reader.string('pad_token'),
  };
}

/** Rust's field order: strategy, direction, pad_to_multiple_of, pad_id, pad_type_id, pad_token. */
export function paddingToJSON(p: PaddingParams): JsonObject {
  return {
    strategy: p.maxLength === null ? 'BatchLongest' : { Fixed: p.maxLength },
    direction: p.direction === 'left' ? 'Left' : 'Right',
    pad_to_multiple_of: p.padToMultipleOf,
    pad_id: p.padId,
    pad_type_id: p.padTypeId,
    pad_token: p.padToken,
  };
}

export function padEncodings(encodings: readonly EncodingBuilder[], p: PaddingParams): void {
  if (encodings.length === 0) return;
  let length = p.maxLength ?? encodings.reduce((max, e) => Math.max(max, e.length), 0);
  const m = p.padToMultipleOf;
  if (m !== null && m > 0 && length % m > 0) length += m - (length % m);
  for (const e of encodings) e.pad(length, p.padId, p.padTypeId, p.padToken, p.direction);
}
