/**
 * BPE decoder (original subword-nmt BPE): the end-of-word suffix (`</w>`) becomes a space, or
 * nothing in the last token.
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { replaceAllLiteral } from './text.js';

export class BPEDecoder extends BaseDecoder {
  constructor(readonly suffix = '</w>') {
    super();
  }

  static fromJSON(reader: JsonReader): BPEDecoder {
    return new BPEDecoder(reader.string('suffix'));
  }

  decodeChain(tokens: string[]): string[] {
    const last = tokens.length - 1;
    return tokens.map((token, i) => replaceAllLiteral(token, this.suffix, i === last ? '' : ' '));
  }

  toJSON(): JsonObject {
    return { type: 'BPEDecoder', suffix: this.suffix };
  }
}
