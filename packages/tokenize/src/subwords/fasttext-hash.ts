/**
 * fastText's string hash: 32-bit FNV-1a over the UTF-8 bytes, each byte taken as a *signed* char
 * and sign-extended before the xor (fastText's `Dictionary::hash`, kept so for model compatibility).
 * Bytes ≥ 0x80 therefore hash differently from textbook FNV-1a; the ids of non-ASCII n-grams depend on it.
 */

/** FNV-1a's 32-bit offset basis (2166136261) as an int32, and its prime. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

const encoder = new TextEncoder();

/**
 * fastText's hash of `input` (a string, hashed as UTF-8 with lone surrogates as U+FFFD, or raw bytes),
 * an unsigned 32-bit integer. `fasttextHash(ngram) % bucket` is the n-gram's bucket.
 * @example fasttextHash('<é>') // differs from plain FNV-1a: 0xc3 and 0xa9 are xor-ed as 0xffffffc3, 0xffffffa9
 */
export function fasttextHash(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ ((bytes[i] << 24) >> 24), FNV_PRIME);
  return h >>> 0;
}
