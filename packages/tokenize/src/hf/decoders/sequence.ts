/** Sequence decoder: runs its decoders in order, each on the pieces the previous one produced. */
import type { Decoder, JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';

export class SequenceDecoder extends BaseDecoder {
  constructor(readonly decoders: readonly Decoder[]) {
    super();
  }

  decodeChain(tokens: string[]): string[] {
    let pieces = tokens;
    for (const decoder of this.decoders) pieces = decoder.decodeChain(pieces);
    return pieces;
  }

  toJSON(): JsonObject {
    return { type: 'Sequence', decoders: this.decoders.map((d) => d.toJSON()) };
  }
}
