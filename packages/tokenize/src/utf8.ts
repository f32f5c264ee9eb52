/**
 * UTF-8 validation shared by every reader of user files (the CLI's line reader, the trainers' corpus
 * reader): `isUtf8` says whether a chunk is valid, this says where it is not, so errors can name the byte.
 */

/**
 * Index of the first byte that cannot start or continue a well-formed UTF-8 sequence (Unicode table 3-7:
 * no overlongs, no surrogates, nothing above U+10FFFF), or -1 if `bytes` is valid UTF-8.
 * Only used to name the culprit once `isUtf8` has said there is one, so it favours clarity over speed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    // The first continuation byte has the narrowed range; the rest are 80..BF.
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (i + k >= n || c < min || c > max) return i;
    }
    i += len;
  }
  return -1;
}
