/**
 * UTF-8 decoding of the words in vector files, with gensim's three `unicode_errors` policies:
 * 'strict' (invalid bytes are an error), 'replace' (each maximal invalid subsequence becomes U+FFFD)
 * and 'ignore' (invalid subsequences are dropped). word2vec C cuts words at 100 bytes, which can split a
 * character, hence the two lenient policies.
 */

export type UnicodeErrors = 'strict' | 'replace' | 'ignore';

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes `bytes`; `undefined` when they are not valid UTF-8 and `mode` is 'strict'. */
export function decodeUtf8(bytes: Uint8Array, mode: UnicodeErrors): string | undefined {
  // ASCII fast path: most words are.
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return latin1(bytes);
  try {
    return strictDecoder.decode(bytes);
  } catch {
    if (mode === 'strict') return undefined;
    if (mode === 'replace') return lossyDecoder.decode(bytes);
    return strictDecoder.decode(dropInvalidUtf8(bytes));
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * `bytes` without their invalid subsequences, cut as the Unicode "maximal subpart" rule cuts them (the
 * same pieces WHATWG decoding replaces with U+FFFD and Python's 'ignore' drops).
 */
export function dropInvalidUtf8(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out[n++] = b;
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else {
      i++; // a byte that never starts a character
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = bytes[j];
      if (j >= bytes.length || c < lo || c > hi) {
        ok = false;
        break;
      }
      lo = 0x80;
      hi = 0xbf;
    }
    if (ok) {
      for (let k = i; k < j; k++) out[n++] = bytes[k];
    }
    i = j; // past the character, or past the maximal invalid subpart
  }
  return out.subarray(0, n);
}
