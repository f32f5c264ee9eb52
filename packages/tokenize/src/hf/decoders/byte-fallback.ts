/**
 * ByteFallback decoder: each run of `<0xAB>` tokens becomes the text its bytes spell. Unlike the
 * ByteLevel decoder this is all-or-nothing per run, as in Rust: a run that is not valid UTF-8 as a
 * whole gives one U+FFFD per byte token.
 */
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { decodeUtf8Strict } from './text.js';

export class ByteFallbackDecoder extends BaseDecoder {
  decodeChain(tokens: string[]): string[] {
    const out: string[] = [];
    const run: number[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const text = decodeUtf8Strict(Uint8Array.from(run));
      if (text !== null) out.push(text);
      else for (let k = 0; k < run.length; k++) out.push('\uFFFD');
      run.length = 0;
    };
    for (const token of tokens) {
      const byte = parseByteToken(token);
      if (byte >= 0) {
        run.push(byte);
      } else {
        flush();
        out.push(token);
      }
    }
    flush();
    return out;
  }

  toJSON(): JsonObject {
    return { type: 'ByteFallback' };
  }
}

/**
 * The byte of a `<0xAB>` token, or -1. Rust checks a 6-byte token of the form `<0x..>` and parses
 * the middle with `u8::from_str_radix(_, 16)`, which also accepts lower case and a leading `+`.
 */
function parseByteToken(token: string): number {
  if (token.length !== 6 || !token.startsWith('<0x') || token.charCodeAt(5) !== 0x3e) return -1;
  const digits = token.slice(3, 5);
  const body = digits.startsWith('+') ? digits.slice(1) : digits;
  return /^[0-9A-Fa-f]+$/.test(body) ? parseInt(body, 16) : -1;
}
