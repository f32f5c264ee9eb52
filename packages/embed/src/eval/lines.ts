/**
 * Reading evaluation files the way gensim does: whole-file (they are small), UTF-8 strict with the
 * failing line named, and Python's notions of whitespace (`str.split()`) and `float()`.
 */
import { readFile } from 'node:fs/promises';
import { EvalFileError } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The lines of `path` split at "\n" (the "\n" removed), decoded as strict UTF-8. */
export async function readUtf8Lines(path: string): Promise<string[]> {
  const bytes = await readFile(path);
  try {
    return decoder.decode(bytes).split('\n');
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const nl = bytes.indexOf(0x0a, start);
      const end = nl === -1 ? bytes.length : nl;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        throw new EvalFileError(path, 'invalid UTF-8', line);
      }
      start = end + 1;
    }
  }
}

/** Python's str.split() whitespace (without U+FEFF, which JavaScript's \s has and Python's lacks). */
const PY_WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Python's `s.split()`. */
export function pySplit(s: string): string[] {
  return s.split(PY_WHITESPACE).filter((t) => t.length > 0);
}

/** Python's `s.strip()`. */
export function pyStrip(s: string): string {
  const parts = s.split(new RegExp(`^${PY_WHITESPACE.source}|${PY_WHITESPACE.source}$`, 'g'));
  return parts.join('');
}

const DECIMAL = /^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/;

/** Python's `float(s)`, or undefined where it raises ValueError. */
export function pyFloat(text: string): number | undefined {
  const s = pyStrip(text);
  if (DECIMAL.test(s)) return Number(s.replace(/_/g, ''));
  const l = s.toLowerCase();
  if (/^[+-]?nan$/.test(l)) return NaN;
  if (/^[+-]?inf(inity)?$/.test(l)) return l[0] === '-' ? -Infinity : Infinity;
  return undefined;
}
