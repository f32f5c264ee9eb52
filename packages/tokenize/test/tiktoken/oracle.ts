/**
 * The real `tiktoken` npm package (Rust compiled to wasm) as the oracle of the tiktoken tests, plus
 * helpers that compare our ids with its ids and, on a mismatch, shrink the input to the smallest
 * failing line so the failure message names an input someone can paste into a bug report.
 * Caveat: a wasm `Tiktoken` that has thrown stays "borrowed" and can no longer be freed, so tests
 * never let a shared instance throw (they pass `disallowed_special` explicitly).
 */
import { get_encoding, type Tiktoken } from 'tiktoken';
import { afterAll } from 'vitest';
import { ENCODING_NAMES, getEncoding, type EncodingName } from '../../src/index.js';

export { ENCODING_NAMES, type EncodingName };

const instances = new Map<EncodingName, Tiktoken>();

// Importing this module (while vitest collects a test file) frees that file's instances at its end.
afterAll(() => {
  for (const tk of instances.values()) tk.free();
  instances.clear();
});

/** The shared tiktoken instance for `name`, created on first use. */
export function tiktoken(name: EncodingName): Tiktoken {
  let tk = instances.get(name);
  if (!tk) {
    tk = get_encoding(name);
    instances.set(name, tk);
  }
  return tk;
}

/** tiktoken's ids for `text` with special-token text encoded as ordinary text (never throws). */
export function tiktokenOrdinary(name: EncodingName, text: string): Uint32Array {
  return tiktoken(name).encode_ordinary(text);
}

/** tiktoken's ids for `text` with every special token allowed (never throws). */
export function tiktokenAllSpecial(name: EncodingName, text: string): Uint32Array {
  return tiktoken(name).encode(text, 'all');
}

export interface Mismatch {
  encoding: EncodingName;
  /** The smallest failing input found: a single line of the original when one fails on its own. */
  input: string;
  ours: number[];
  tiktoken: number[];
}

/** Index of the first difference of two id arrays, or -1 when equal. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

type Encoder = (name: EncodingName, text: string) => Uint32Array;

const oursOrdinary: Encoder = (name, text) => getEncoding(name).encodeOrdinary(text);
const oursAllSpecial: Encoder = (name, text) => getEncoding(name).encode(text, { allowedSpecial: 'all' });

/**
 * Compares our ids with tiktoken's for `text` (ordinary, or with all special tokens allowed) and
 * returns undefined when they are equal, else the smallest failing input found by trying each line
 * (newline kept) and then the line's halves.
 */
export function compareWithTiktoken(name: EncodingName, text: string, mode: 'ordinary' | 'all' = 'ordinary'): Mismatch | undefined {
  const ours = mode === 'ordinary' ? oursOrdinary : oursAllSpecial;
  const theirs = mode === 'ordinary' ? tiktokenOrdinary : tiktokenAllSpecial;
  const differs = (t: string): boolean => firstDifference(ours(name, t), theirs(name, t)) >= 0;
  if (!differs(text)) return undefined;
  let input = text;
  const lines = text.split(/(?<=\n)/);
  if (lines.length > 1) input = lines.find(differs) ?? text;
  // Shrink further by halves while a half fails on its own (cuts on code point boundaries).
  for (;;) {
    const chars = Array.from(input);
    if (chars.length < 2) break;
    const mid = chars.length >> 1;
    const left = chars.slice(0, mid).join('');
    const right = chars.slice(mid).join('');
    if (differs(left)) input = left;
    else if (differs(right)) input = right;
    else break;
  }
  return { encoding: name, input, ours: Array.from(ours(name, input)), tiktoken: Array.from(theirs(name, input)) };
}

/** A one-line description of a mismatch for a failure message (input JSON-escaped). */
export function describeMismatch(m: Mismatch | undefined): string {
  if (!m) return 'ids equal';
  return `${m.encoding} ${JSON.stringify(m.input)}: ours [${m.ours.join(', ')}] vs tiktoken [${m.tiktoken.join(', ')}]`;
}
