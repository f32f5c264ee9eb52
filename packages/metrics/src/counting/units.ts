import { endianness } from 'node:os';

/**
 * A string's UTF-16 code units, copied into a reused Uint16Array by one native call (Buffer#write
 * 'utf16le', which keeps lone surrogates as they are). Reading the copy is cheaper than charCodeAt
 * on the lines of a file, which are slices of one large two-byte string: on the bench's lines,
 * charCodeAt cost about 3 ns per char and the copy plus typed-array reads about 1 ns.
 */
const LITTLE_ENDIAN = endianness() === 'LE';
/**
 * Buffer#write's own worker for 'utf16le' (present since Node 0.x, undocumented): calling it skips
 * write's argument parsing, a third of the copy's cost on the bench's short lines. Feature-detected.
 */
interface Ucs2Writer {
  ucs2Write(s: string, offset: number): number;
}
const UCS2_WRITE = LITTLE_ENDIAN && typeof (Buffer.prototype as unknown as Partial<Ucs2Writer>).ucs2Write === 'function';
let buf = Buffer.allocUnsafeSlow(1 << 14);
let units = new Uint16Array(buf.buffer, 0, buf.length >> 1);
let pairs = new Int32Array(buf.buffer, 0, buf.length >> 2);

/** The code units of `s` in a shared buffer (valid up to s.length until the next call). */
export function codeUnits(s: string): Uint16Array {
  const n = s.length;
  if (units.length < n) {
    buf = Buffer.allocUnsafeSlow(4 * n);
    units = new Uint16Array(buf.buffer, 0, 2 * n);
    pairs = new Int32Array(buf.buffer, 0, n);
  }
  if (UCS2_WRITE) (buf as unknown as Ucs2Writer).ucs2Write(s, 0);
  else if (LITTLE_ENDIAN) buf.write(s, 0, 'utf16le');
  else for (let i = 0; i < n; i++) units[i] = s.charCodeAt(i);
  return units;
}

/**
 * The buffer of the last `codeUnits` call seen as 32-bit words (units 2i and 2i + 1 in word i), for
 * loops that hash or compare whole lines two code units at a time.
 */
export function codeUnitPairs(): Int32Array {
  return pairs;
}
