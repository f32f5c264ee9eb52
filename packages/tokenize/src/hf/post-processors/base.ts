/**
 * What every post-processor shares: Rust's default `PostProcessor::process` (mark sequence and type
 * ids, let the processor rewrite the encodings, merge them) and readers for common fields.
 */
import { EncodingBuilder } from '../encoding-builder.js';
import { TokenizerJsonError } from '../../errors.js';
import { kindOf, type JsonReader } from '../json-reader.js';
import type { JsonObject, PostProcessor } from '../stages.js';

export abstract class EncodingsProcessor implements PostProcessor {
  abstract addedTokens(isPair: boolean): number;

  /** Rewrites the encodings of the sequence(s); may merge them (Rust's `process_encodings`). */
  abstract processEncodings(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder[];

  abstract toJSON(): JsonObject;

  process(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder {
    encodings.forEach((encoding, i) => {
      encoding.setSequenceId(i);
      for (const o of encoding.overflowing) o.setSequenceId(i);
      encoding.setTypeIds(i);
    });
    return EncodingBuilder.merge(this.processEncodings(encodings, addSpecialTokens), false);
  }
}

/** A `[token, id]` pair such as BertProcessing's `sep` and `cls`. */
export type TokenAndId = [string, number];

export function readTokenAndId(reader: JsonReader, key: string): TokenAndId {
  const v = reader.array(key);
  const path = reader.pathOf(key);
  if (v.length !== 2) reader.fail(key, `expected [token, id], got an array of ${v.length}`);
  const [token, id] = v;
  if (typeof token !== 'string') throw new TokenizerJsonError(`${path}[0]`, `expected a string, got ${kindOf(token)}`);
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new TokenizerJsonError(`${path}[1]`, `expected a non-negative integer, got ${kindOf(id)}`);
  return [token, id];
}


/**
 * Wraps one encoding (and each of its overflowing parts) in special tokens, as Bert and Roberta do:
 * `prefix` before, `suffix` after, all of type `typeId`; the sequence range excludes the specials.
 */
export function wrapWithSpecials(
  encoding: EncodingBuilder,
  prefix: readonly TokenAndId[],
  suffix: readonly TokenAndId[],
  typeId: number,
  sequenceId: number,
): EncodingBuilder {
  const wrap = (e: EncodingBuilder): EncodingBuilder => {
    const out = new EncodingBuilder();
    const pre = prefix.length;
    const n = e.length;
    const zeros = new Array<number>(n).fill(0);
    const specialIds = (list: readonly TokenAndId[]) => list.map(([, id]) => id);
    const specialTokens = (list: readonly TokenAndId[]) => list.map(([token]) => token);
    const fill = <T>(count: number, v: T): T[] => new Array<T>(count).fill(v);
    out.ids = specialIds(prefix).concat(e.ids, specialIds(suffix));
    out.tokens = specialTokens(prefix).concat(e.tokens, specialTokens(suffix));
    out.typeIds = fill(pre, typeId).concat(e.typeIds, fill(suffix.length, typeId));
    out.words = fill<number | null>(pre, null).concat(e.words, fill<number | null>(suffix.length, null));
    out.starts = fill(pre, 0).concat(e.starts, fill(suffix.length, 0));
    out.ends = fill(pre, 0).concat(e.ends, fill(suffix.length, 0));
    out.specialTokensMask = fill(pre, 1).concat(zeros, fill(suffix.length, 1));
    out.attentionMask = fill(n + pre + suffix.length, 1);
    out.sequenceRanges.set(sequenceId, [pre, pre + n]);
    return out;
  };
  const out = wrap(encoding);
  out.overflowing = encoding.overflowing.map(wrap);
  return out;
}
