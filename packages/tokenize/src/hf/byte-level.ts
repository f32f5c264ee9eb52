/**
 * GPT-2's byte ↔ visible-character table (`bytes_to_unicode`): printable Latin-1 bytes map to themselves,
 * the other 68 bytes to U+0100.. in byte order, so every byte-level token is a printable string.
 * Shared by the ByteLevel pre-tokenizer, decoder and the byte-level trainers.
 */

/** BYTE_TO_CHAR[b] is the one-character string standing for byte b. */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

/** Maps the UTF-16 code of a byte-level character back to its byte, or -1. */
export const CHAR_TO_BYTE: Int16Array = buildCharToByte();

function buildByteToChar(): string[] {
  const out = new Array<string>(256);
  let next = 256;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    out[b] = String.fromCharCode(printable ? b : next++);
  }
  return out;
}

function buildCharToByte(): Int16Array {
  const table = new Int16Array(0x144).fill(-1);
  for (let b = 0; b < 256; b++) table[BYTE_TO_CHAR[b]!.charCodeAt(0)] = b;
  return table;
}

/** The 256 byte-level characters, in byte order (the initial alphabet of byte-level BPE). */
export function byteLevelAlphabet(): string[] {
  return BYTE_TO_CHAR.slice();
}
