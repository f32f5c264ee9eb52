/**
 * RoBERTa's `<s> A </s>` / `<s> A </s></s> B </s>`: every type id is 0, and offsets are trimmed of
 * spaces like the ByteLevel post-processor does when `trim_offsets` is set.
 */
import type { EncodingBuilder } from '../encoding-builder.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { EncodingsProcessor, readTokenAndId, wrapWithSpecials, type TokenAndId } from './base.js';
import { trimOffsetsDeep } from './byte-level.js';

export class RobertaProcessing extends EncodingsProcessor {
  constructor(
    readonly sep: TokenAndId,
    readonly cls: TokenAndId,
    readonly trimOffsets: boolean,
    readonly addPrefixSpace: boolean,
  ) {
    super();
  }

  static fromJSON(reader: JsonReader): RobertaProcessing {
    return new RobertaProcessing(
      readTokenAndId(reader, 'sep'),
      readTokenAndId(reader, 'cls'),
      reader.boolean('trim_offsets'),
      reader.boolean('add_prefix_space'),
    );
  }

  addedTokens(isPair: boolean): number {
    return isPair ? 4 : 2;
  }

  processEncodings(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder[] {
    if (this.trimOffsets) for (const e of encodings) trimOffsetsDeep(e, this.addPrefixSpace);
    for (const e of encodings) e.setTypeIds(0);
    if (!addSpecialTokens) return encodings;
    for (const e of encodings) for (const o of e.overflowing) o.setTypeIds(0);
    return encodings.map((e, i) =>
      i === 0 ? wrapWithSpecials(e, [this.cls], [this.sep], 0, 0) : wrapWithSpecials(e, [this.sep], [this.sep], 0, 1),
    );
  }

  toJSON(): JsonObject {
    return {
      type: 'RobertaProcessing',
      sep: [...this.sep],
      cls: [...this.cls],
      trim_offsets: this.trimOffsets,
      add_prefix_space: this.addPrefixSpace,
    };
  }
}
