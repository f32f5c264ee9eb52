/** A chain of post-processors, each rewriting the encodings the previous one produced. */
import type { EncodingBuilder } from '../encoding-builder.js';
import type { JsonObject } from '../stages.js';
import { EncodingsProcessor } from './base.js';

export class SequenceProcessing extends EncodingsProcessor {
  constructor(readonly processors: readonly EncodingsProcessor[]) {
    super();
  }

  addedTokens(isPair: boolean): number {
    let n = 0;
    for (const p of this.processors) n += p.addedTokens(isPair);
    return n;
  }

  processEncodings(encodings: EncodingBuilder[], addSpecialTokens: boolean): EncodingBuilder[] {
    for (const p of this.processors) encodings = p.processEncodings(encodings, addSpecialTokens);
    return encodings;
  }

  toJSON(): JsonObject {
    return { type: 'Sequence', processors: this.processors.map((p) => p.toJSON()) };
  }
}
