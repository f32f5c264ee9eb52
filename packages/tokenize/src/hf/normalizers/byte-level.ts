/** Rewrites text as GPT-2 byte-level characters (one per UTF-8 byte), each aligned to the character it encodes. */
import { BYTE_TO_CHAR } from '../byte-level.js';
import type { NormalizedString } from '../normalized-string.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class ByteLevelNormalizer implements Normalizer {
  normalize(text: NormalizedString): void {
    if (!text.isEmpty()) toByteLevel(text);
  }
  toJSON(): JsonObject {
    return { type: 'ByteLevel' };
  }
}

const encoder = new TextEncoder();
const buf = new Uint8Array(4);

/** The byte-level characters of one character (its UTF-8 bytes, each as GPT-2's visible character). */
function byteLevelChars(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return BYTE_TO_CHAR[c]!;
  const n = encoder.encodeInto(ch, buf).written;
  let out = '';
  for (let k = 0; k < n; k++) out += BYTE_TO_CHAR[buf[k]!]!;
  return out;
}

/** Recent pieces and their byte-level form: words repeat, so most pieces are found here. */
const pieceCache = new Map<string, string>();
const PIECE_CACHE_LIMIT = 8192;

/**
 * Replaces each character by the byte-level characters of its UTF-8 bytes (shared with the pre-tokenizer).
 * Every byte-level character is aligned like the character it encodes.
 */
export function toByteLevel(text: NormalizedString): void {
  const s = text.normalized;
  if (s.length === 0) return;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    text.expandChars(byteLevelChars);
    return;
  }
  // ASCII: one byte-level character per character, so the alignments do not move.
  let out = pieceCache.get(s);
  if (out === undefined) {
    out = '';
    for (let i = 0; i < s.length; i++) out += BYTE_TO_CHAR[s.charCodeAt(i)]!;
    if (s.length <= 64) {
      if (pieceCache.size >= PIECE_CACHE_LIMIT) pieceCache.clear();
      pieceCache.set(s, out);
    }
  }
  if (out !== s) text.replaceSameShape(out);
}
