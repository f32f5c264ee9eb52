/**
 * String helpers with Rust's semantics: literal replace-all that steps by code points (Rust's
 * `str::replace` with an empty pattern inserts between characters, never inside a surrogate pair),
 * and UTF-8 decoding — lossy like `String::from_utf8_lossy`, or strict like `String::from_utf8`.
 */

/** Rust's `s.replace(pattern, replacement)`. */
export function replaceAllLiteral(s: string, pattern: string, replacement: string): string {
  if (pattern !== '') return s.replaceAll(pattern, () => replacement);
  let out = replacement;
  for (const ch of s) out += ch + replacement;
  return out;
}

// ignoreBOM: keep a leading U+FEFF, as Rust does (TextDecoder would strip it).
const lossyDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes → text, each maximal invalid subsequence becoming one U+FFFD: the WHATWG decoder and Rust's
 * `from_utf8_lossy` follow the same Unicode "best practice".
 */
export function decodeUtf8Lossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

/** Bytes → text, or null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Reads a field that Rust types as `char`: a string of exactly one code point. */
export function isSingleChar(s: string): boolean {
  const cp = s.codePointAt(0);
  return cp !== undefined && s.length === (cp > 0xffff ? 2 : 1);
}
