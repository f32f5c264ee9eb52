/** What every decoder class shares: `decode`, the joined text of `decodeChain` (Rust's `Decoder::decode`). */
import type { Decoder, JsonObject } from '../stages.js';

export abstract class BaseDecoder implements Decoder {
  abstract decodeChain(tokens: string[]): string[];
  abstract toJSON(): JsonObject;

  decode(tokens: string[]): string {
    return this.decodeChain(tokens).join('');
  }
}
