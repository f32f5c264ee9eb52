/** BERT's `[CLS] A [SEP]` / `[CLS] A [SEP] B [SEP]` (type ids 0 for A, 1 for B and its `[SEP]`). */
import type { EncodingBuilder } from '../encoding-builder.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { EncodingsProcessor, readTokenAndId, wrapWithSpecials, type TokenAndId } from './base.js';

export class BertProcessing extends EncodingsProcessor {
  constructor(
    readonly sep: TokenAndId,
    readonly cls: TokenAndId,
  ) {
    super();
  }

  static fromJSON(reader: JsonReader): BertProcessing {
    return new BertProcessing(readTokenAndId(reader, 'sep'), readTokenAndId(reader, 'cls'));
  }

  addedTokens(isPair: boolean): number {
    return isPair ? 3 : 2;
  }

  processEncodings(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder[] {
    if (!addSpecialTokens) return encodings;
    return encodings.map((e, i) =>
      i === 0 ? wrapWithSpecials(e, [this.cls], [this.sep], 0, 0) : wrapWithSpecials(e, [], [this.sep], 1, 1),
    );
  }

  toJSON(): JsonObject {
    return { type: 'BertProcessing', sep: [...this.sep], cls: [...this.cls] };
  }
}
