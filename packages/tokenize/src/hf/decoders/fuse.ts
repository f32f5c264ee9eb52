/** Fuse decoder: joins all tokens into one string, so that later decoders see the whole text. */
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';

export class FuseDecoder extends BaseDecoder {
  decodeChain(tokens: string[]): string[] {
    return [tokens.join('')];
  }

  toJSON(): JsonObject {
    return { type: 'Fuse' };
  }
}
