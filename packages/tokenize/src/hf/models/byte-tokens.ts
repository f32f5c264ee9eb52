/**
 * SentencePiece-style byte fallback: a character missing from the vocabulary is spelled as one
 * `<0xAB>` token per UTF-8 byte (upper-case hex, as Rust formats `{:#04X}` / `{:02X}`).
 */

/** BYTE_TOKENS[b] is the token name for byte b, e.g. `<0x0A>`. */
export const BYTE_TOKENS: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
);

/**
 * The ids of the byte tokens spelling `text` in UTF-8, or null when one of them is missing from
 * `vocab` (Rust then falls back to the unknown token).
 */
export function byteFallbackIds(text: string, vocab: ReadonlyMap<string, number>): number[] | null {
  const ids: number[] = [];
  for (const byte of utf8Bytes(text)) {
    const id = vocab.get(BYTE_TOKENS[byte]!);
    if (id === undefined) return null;
    ids.push(id);
  }
  return ids;
}

const encoder = new TextEncoder();

function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}
